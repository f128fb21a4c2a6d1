/** A text shown to users, in both languages the extension ships. */
export interface Localized {
  en: string;
  fr: string;
}
