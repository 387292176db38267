import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("../dist/web", import.meta.url));

/** Removes "@media … \\0 …" blocks: an old Internet Explorer hack that is not valid CSS. */
function stripIeMediaHacks(css: string): string {
  let out = "";
  let index = 0;
  const pattern = /@media[^{};]*\\0[^{};]*\{/g;
  for (let match = pattern.exec(css); match !== null; match = pattern.exec(css)) {
    out += css.slice(index, match.index);
    let depth = 1;
    let end = match.index + match[0].length;
    while (end < css.length && depth > 0) {
      if (css[end] === "{") depth += 1;
      else if (css[end] === "}") depth -= 1;
      end += 1;
    }
    index = end;
    pattern.lastIndex = end;
  }
  return out + css.slice(index);
}

/**
 * govuk-frontend's precompiled CSS refers to its fonts and images with root-absolute
 * URLs ("/assets/fonts/…"). Rewrite them to paths relative to the CSS file so that Vite
 * resolves, fingerprints and bundles the files from node_modules: fonts are always served
 * by ROCU Hub itself, never from a CDN.
 */
function govukAssets(): Plugin {
  return {
    name: "rocu-govuk-assets",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("govuk-frontend") || !id.split("?")[0]?.endsWith(".css")) return null;
      return { code: stripIeMediaHacks(code).replaceAll("url(/assets/", "url(./assets/"), map: null };
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [govukAssets(), react()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
