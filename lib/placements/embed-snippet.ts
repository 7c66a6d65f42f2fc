// The code a publisher pastes for a placement, and a page that runs it for the live preview.
// Ids and origins are escaped as HTML although both are validated: this text becomes markup.

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The two lines of the snippet: the loader (once per page) and the placement's element. */
export function embedSnippet(origin: string, placementId: string): string {
  return [
    `<script async src="${escapeHtml(origin)}/embed.js"></script>`,
    `<div data-marquee-placement="${escapeHtml(placementId)}"></div>`,
  ].join("\n");
}

/**
 * A whole page holding the snippet, for the dashboard's live preview (served by
 * app/api/preview/[placementId] with previewPolicy). The notes under the element appear, by
 * CSS alone, when the snippet marks it empty (no fill) or failed.
 */
export function previewDocument(origin: string, placementId: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  html, body { margin: 0; padding: 0; background: #fff; font: 13px/1.4 system-ui, sans-serif; color: #475569; }
  .note { display: none; margin: 0; padding: 12px; }
  [data-marquee-state="empty"] ~ .empty, [data-marquee-state="error"] ~ .error { display: block; }
</style>
</head>
<body>
<div data-marquee-placement="${escapeHtml(placementId)}" data-marquee-preview></div>
<p class="note empty">No ad to show here right now: no approved, active campaign fits this placement.</p>
<p class="note error">The ad could not be loaded.</p>
<script async src="${escapeHtml(origin)}/embed.js"></script>
</body>
</html>
`;
}

/**
 * The preview page's Content-Security-Policy: the snippet and nothing else runs (an HTML
 * creative's frames inherit it, so their scripts do not), ads come only from `origin`, and
 * only this deployment's dashboard may frame it.
 */
export function previewPolicy(origin: string): string {
  return [
    "default-src 'none'",
    `script-src ${origin}/embed.js`,
    `connect-src ${origin}`,
    "img-src https: http: data:",
    "style-src 'unsafe-inline'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}
