/**
 * Runs inside the portal's page (through `scripting.executeScript`), so it stands alone: the
 * address of the page's own link to its « Charte cookies », as written in the page (the popup
 * resolves it against the portal and keeps it only on the portal's own origin), or null.
 */
export function charteLinkInPage(root: ParentNode = document): string | null {
  const links = [...root.querySelectorAll('a[href]')];
  const byPath = links.find((link) => /\/terms\/cookies-[a-z-]+/i.test(link.getAttribute('href') ?? ''));
  const byText = links.find((link) => {
    const text = (link.textContent ?? '').toLowerCase();
    return text.includes('cookie') && /charte|politique|policy|information|pol[ií]tica/.test(text);
  });
  return (byPath ?? byText)?.getAttribute('href') ?? null;
}
