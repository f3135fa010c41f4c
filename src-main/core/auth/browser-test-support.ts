// What a user's browser does with the sign-in link, done with a plain HTTP client: load Launchpad's page,
// press Authorize (or Deny), follow the redirect to the loopback receiver and on to its /done page.
// Used by tests only; it reads the sandbox's form instead of knowing its fields.

export interface BrowserVisit {
  /** Status and text of the Launchpad authorization page. */
  authorizeStatus: number;
  authorizePage: string;
  /** Where Launchpad sent the browser after the decision (the loopback redirect URI with code/state or error). */
  redirectedTo?: string;
  /** Status and text of the page the receiver finally showed. */
  finalStatus?: number;
  finalPage?: string;
}

function formFields(html: string): { action: string; fields: URLSearchParams } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the authorization page:\n${html.slice(0, 500)}`);
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>/gi)) {
    fields.set(
      input[1] ?? '',
      (input[2] ?? '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#39;/g, "'"),
    );
  }
  return { action: form[1] ?? '', fields };
}

/**
 * Follows a sign-in URL like a browser would. `tamper` may rewrite the redirect before the browser follows it
 * (a forged state, say). Stops at the authorization page when it has no form (e.g. "redirect_uri is not approved").
 */
export async function visitSignInLink(
  url: string,
  decision: 'allow' | 'deny' = 'allow',
  tamper: (redirect: URL) => URL = (redirect) => redirect,
): Promise<BrowserVisit> {
  const page = await fetch(url, { redirect: 'manual' });
  const visit: BrowserVisit = { authorizeStatus: page.status, authorizePage: await page.text() };
  if (page.status !== 200 || !/<form/i.test(visit.authorizePage)) return visit;
  const { action, fields } = formFields(visit.authorizePage);
  fields.set('decision', decision);
  const answer = await fetch(new URL(action, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  await answer.text();
  const location = answer.headers.get('location');
  if (!location) return visit;
  const target = tamper(new URL(location, url));
  visit.redirectedTo = target.toString();
  let response = await fetch(target, { redirect: 'manual' });
  for (let hops = 0; hops < 3 && response.status >= 300 && response.status < 400; hops++) {
    await response.text();
    response = await fetch(new URL(response.headers.get('location') ?? '/', target), { redirect: 'manual' });
  }
  visit.finalStatus = response.status;
  visit.finalPage = await response.text();
  return visit;
}
