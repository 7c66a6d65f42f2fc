// The Content-Security-Policy of every page for people (dashboards, sign-in, the home page).
// Scripts run only with this response's nonce ('strict-dynamic' lets those scripts load the
// chunks they need), so markup that reaches a page by mistake — an advertiser's HTML
// creative, a crafted name — cannot run script here. HTML creatives are previewed in
// sandboxed srcdoc iframes, which inherit this policy: no script runs in them either. The
// publisher's live preview is a page of its own (app/api/preview) with its own policy.
// Not for /api, /c and /embed.js: publishers' pages call and embed those.

export interface PolicyOptions {
  nonce: string;
  /** React's development build needs eval for its error overlays. */
  development?: boolean;
}

export function contentSecurityPolicy({ nonce, development }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (sizes of previews and chart bars) are harmless without script.
    "style-src 'self' 'unsafe-inline'",
    // Advertisers' image creatives are previewed from wherever they are hosted.
    "img-src 'self' https: http: data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
