// Messages after an API key action redirected (`?notice=<code>`). Unknown codes show nothing.

const notices = {
  "key-revoked": "API key revoked. Requests with it are refused from now on.",
  "key-not-found": "That API key was not found. Nothing was changed.",
} as const;

export type ApiKeyNoticeCode = keyof typeof notices;

export function apiKeyNotice(code: string | string[] | undefined): string | null {
  return typeof code === "string" && Object.hasOwn(notices, code) ? notices[code as ApiKeyNoticeCode] : null;
}
