/**
 * The disclosure label as the snippet draws it (lib/embed/embed.js, `badge`): 11 px, #333 on
 * #fff (12.6:1), in the ad's top-right corner inside its size — or, on a text ad, floated
 * into that corner of the padded box so the headline wraps around it. Previews show it so that
 * what is approved is what visitors see. The wording is each site's ("Ad" unless it chose another).
 */
export const DISCLOSURE_PREVIEW_LABEL = "Ad";

const badge: React.CSSProperties = {
  position: "absolute",
  top: 0,
  right: 0,
  zIndex: 1,
  display: "block",
  margin: 0,
  padding: "1px 5px",
  font: "11px/14px sans-serif",
  color: "#333",
  background: "#fff",
  borderRadius: "0 0 0 3px",
};

export function AdLabelBadge({ label = DISCLOSURE_PREVIEW_LABEL, inText = false }: { label?: string; inText?: boolean }) {
  return <span style={inText ? { ...badge, position: "static", float: "right", margin: "-12px -12px 0 4px" } : badge}>{label}</span>;
}
