/** Saves `data` as a file through the browser's download, from an extension page (never from a CRM page). */
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the blob after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function textBlob(content: string, mime: string): Blob {
  return new Blob([content], { type: `${mime};charset=utf-8` });
}
