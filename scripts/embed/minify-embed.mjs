import { transform } from "esbuild";

/** The snippet's source, minified for browsers (ES2019: every browser that has IntersectionObserver), its licence comment kept. */
export async function minifyEmbed(source) {
  const { code } = await transform(source, { minify: true, target: "es2019", legalComments: "inline", charset: "utf8" });
  return code;
}
