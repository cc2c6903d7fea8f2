/**
 * Opens a PDF that a request renders (e.g. a consent form from posted fields) in a new tab. The tab opens at once,
 * while the click still counts as the person's own action (popup blockers), and shows the document when it
 * arrives; if no tab could open, the PDF is downloaded instead. A failed request closes the tab and is rethrown.
 */
export async function openPdf(load: () => Promise<Blob>, fileName: string): Promise<void> {
  const tab = window.open('', '_blank');
  let blob: Blob;
  try {
    blob = await load();
  } catch (error) {
    tab?.close();
    throw error;
  }
  const url = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: 'application/pdf' }));
  if (tab) tab.location.href = url;
  else {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  }
  // The tab has loaded the document long before; the address is no longer needed.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
