import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

// Drafts of the popup's forms live in sessionStorage (components/form-draft.tsx): none crosses tests.
beforeEach(() => {
  if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
});
