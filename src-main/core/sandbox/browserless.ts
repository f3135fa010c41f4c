// Click "Authorize" (or "Deny") on the sandbox's Launchpad page without a browser: fetch the page,
// read its form, submit it, and hand back where Launchpad redirects. For tests of the sign-in flow
// that don't need Playwright.
export interface AuthorizeOutcome {
  /** The redirect target (`redirect_uri?code=…&state=…`), or null when the page showed an error. */
  location: string | null;
  status: number;
  /** The page HTML when there was no redirect (error pages). */
  html: string;
}

export async function answerAuthorizePage(
  authorizeUrl: string,
  decision: 'allow' | 'deny',
): Promise<AuthorizeOutcome> {
  const page = await fetch(authorizeUrl, { headers: { 'User-Agent': 'sandbox-browserless' } });
  const html = await page.text();
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  if (page.status !== 200 || !form) return { location: null, status: page.status, html };
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(
      input[1]!,
      input[2]!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))),
    );
  }
  fields.set('decision', decision);
  const answer = await fetch(new URL(form[1]!, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'sandbox-browserless' },
    body: fields,
  });
  return { location: answer.headers.get('location'), status: answer.status, html: await answer.text() };
}
