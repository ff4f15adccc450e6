// Build the web page into src/marsad/api/static/: our sources from web/src plus the npm packages'
// distributed files (Leaflet, topojson-client, world-atlas country borders). No bundler is needed:
// the page loads three plain scripts; this step only copies, so the output is easy to audit.
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "marsad", "api", "static");
const nm = join(here, "node_modules");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "vendor", "images"), { recursive: true });
cpSync(join(here, "src"), out, { recursive: true });
const copy = (from, to) => cpSync(join(nm, from), join(out, "vendor", to), { recursive: true });
copy("leaflet/dist/leaflet.js", "leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet.css");
copy("leaflet/dist/images", "images");
copy("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js");
copy("world-atlas/countries-50m.json", "countries-50m.json");
const versions = Object.fromEntries(["leaflet", "topojson-client", "world-atlas"].map(
  (p) => [p, JSON.parse(readFileSync(join(nm, p, "package.json"), "utf8")).version]));
writeFileSync(join(out, "vendor", "VERSIONS.json"), JSON.stringify(versions, null, 1) + "\n");
console.log("built", out, versions);
