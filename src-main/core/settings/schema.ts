import { z } from 'zod';

// Everything the companion remembers between runs that is not a secret.
// Secrets (tokens, the client secret) live in the OS keychain, never here.

export const accountSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  href: z.string().url(),
  product: z.literal('bc3'),
  /** The web address of the account (`https://3.basecamp.com/<id>`), for links shown to the user. */
  appHref: z.string().url().optional(),
});

export const identitySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
});

export const clientRecordSchema = z.object({
  /** Stable key of this configured client, e.g. `cursor` or `cursor:/home/me/project`. */
  name: z.string(),
  /** Which entry of the AI-client table it belongs to (cursor, vscode, …). */
  kind: z.string(),
  /** SHA-256 of the client token, hex. The token itself is shown once, in the client's config. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  configPath: z.string().optional(),
  revokedAt: z.string().optional(),
  /** What our first write to a config file created there, so that removing our entry takes exactly that away again. */
  firstWrite: z
    .object({
      file: z.string(),
      createdFile: z.boolean(),
      createdDirs: z.array(z.string()),
      addedContainer: z.boolean(),
      tightenedFrom: z.number().int().min(0).max(0o7777).optional(),
    })
    .optional(),
});

export const settingsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(3917),
  readOnly: z.boolean().default(false),
  /** Domains (tool groups) switched off by the user. */
  disabledDomains: z.array(z.string()).default([]),
  openAtLogin: z.boolean().default(false),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  userAgentContact: z.string().default('https://github.com/basecamp-companion/basecamp-companion'),
  oauth: z
    .object({
      clientId: z.string().optional(),
      redirectUri: z.string().optional(),
    })
    .default({}),
  identity: identitySchema.optional(),
  accounts: z.array(accountSchema).default([]),
  selectedAccountId: z.number().int().optional(),
  /** bc3 accounts Launchpad listed at a plain-http API address: left out of `accounts`, and said in status. */
  refusedAccounts: z
    .array(z.object({ id: z.number().int(), name: z.string(), href: z.string() }))
    .default([]),
  /** When the access token expires (ISO time); the token itself is in the keychain. */
  tokenExpiresAt: z.string().optional(),
  /** When that access token was issued (ISO time): with the expiry it gives the lifetime, to refresh ahead of time. */
  tokenObtainedAt: z.string().optional(),
  signInState: z.enum(['signed-out', 'signed-in', 'needs-sign-in']).default('signed-out'),
  clients: z.array(clientRecordSchema).default([]),
  /** Folders whose files agents may upload by path (absolute); empty = the home directory. */
  uploadFolders: z.array(z.string()).default([]),
});

export type SettingsData = z.infer<typeof settingsSchema>;
export type AccountRecord = z.infer<typeof accountSchema>;
export type IdentityRecord = z.infer<typeof identitySchema>;
export type ClientRecord = z.infer<typeof clientRecordSchema>;

export function defaultSettings(): SettingsData {
  return settingsSchema.parse({});
}
