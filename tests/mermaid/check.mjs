// Parse the Mermaid text on standard input with Mermaid's own parser (the
// one GitHub's renderer uses), inside a jsdom window since Mermaid expects a
// browser. Exit 0 and print the diagram type if it parses; else exit 1 with
// Mermaid's error.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  const result = await mermaid.parse(text);
  console.log(result.diagramType);
} catch (e) {
  console.error(String((e && e.message) || e));
  process.exit(1);
}
