// Validate a JSON file and hover over a key with VS Code's JSON language service, offline.
// Usage: node probe.js FILE KEY; prints {diagnostics, hover} as JSON. Schemas load from file: URIs only.
const fs = require('fs');
const url = require('url');
const { getLanguageService } = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');
const [file, key] = process.argv.slice(2);
const service = getLanguageService({
  schemaRequestService: (uri) => {
    if (!uri.startsWith('file://')) return Promise.reject('no network: ' + uri);
    return Promise.resolve(fs.readFileSync(url.fileURLToPath(uri), 'utf8'));
  },
  workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).toString() },
});
service.configure({ validate: true, allowComments: false });
const text = fs.readFileSync(file, 'utf8');
const doc = TextDocument.create(url.pathToFileURL(file).toString(), 'json', 1, text);
const json = service.parseJSONDocument(doc);
(async () => {
  const diagnostics = await service.doValidation(doc, json, { schemaValidation: 'error' });
  const offset = text.indexOf('"' + key + '"') + 2;
  const hover = await service.doHover(doc, doc.positionAt(offset), json);
  const contents = hover ? [].concat(hover.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n') : '';
  console.log(JSON.stringify({ diagnostics: diagnostics.map((d) => ({ message: d.message, line: d.range.start.line, severity: d.severity })), hover: contents }));
})();
