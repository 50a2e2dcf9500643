#!/usr/bin/env node
// The Typst peer of bench/run: the digest bench/naive_libharu.cc and
// `gazette build` make, as Typst markup compiled by Typst 0.14 through npm's
// @myriaddreamin/typst-ts-node-compiler (pinned in package.json; install
// with `npm ci` in this folder).
//
//   node digest.js [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf
//   node digest.js --version      the Typst version the binding embeds
//
// A cover (title, period, count), a contents page (Typst's outline of the
// listings, with page numbers), then per listing a heading and per bulletin
// a bold title, its date line and its paragraphs; A4, 56 pt margins,
// "Page N of M" footers, bookmarks of groups and bulletins, Noto Sans from
// --fonts only, the sizes Gazette uses. The listing is read as
// bench/peers/listing.py reads it. Not part of the test suite.
'use strict';
const fs = require('fs');
const path = require('path');
const binding = '@myriaddreamin/typst-ts-node-compiler';
const { NodeCompiler } = require(binding);

const usage = 'usage: node digest.js [--fonts DIR] [--title TEXT] LISTING... -o OUT.pdf';
let out = null, fonts = path.join(__dirname, '..', '..', '..', 'fonts'), title = 'Benchmark digest';
const inputs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  if (argv[i] === '-o') out = argv[++i];
  else if (argv[i] === '--fonts') fonts = argv[++i];
  else if (argv[i] === '--title') title = argv[++i];
  else if (argv[i] === '--version') {  // the Typst the binding embeds, asked of Typst itself
    const c = NodeCompiler.create({ fontArgs: [{ fontPaths: [path.resolve(fonts)] }] });
    const doc = c.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' }).result;
    console.log(`Typst ${c.query(doc, { selector: '<v>' })[0].value} (${binding} ${require(binding + '/package.json').version})`);
    process.exit(0);
  }
  else inputs.push(argv[i]);
}
if (!out || inputs.length === 0) { console.error(usage); process.exit(2); }

function looksLikeDate(s) {
  if (!s || Buffer.byteLength(s) > 64 || s.includes('\n')) return false;
  if (!/^[0-9]|[0-9]$/.test(s)) return false;
  return /(^|[^0-9])[0-9]{4}([^0-9]|$)/.test(s) && s.split(' ').length <= 5;
}

function readListing(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const bulletins = [];  // {date, title, paragraphs}
  for (const block of text.split(/\n[ \t\r]*\n/)) {
    const joined = block.split('\n').map((l) => l.trim()).filter((l) => l).join(' ');
    if (!joined) continue;
    const canStart = bulletins.length === 0 || bulletins[bulletins.length - 1].paragraphs.length > 0;
    if (bulletins.length === 0 || (canStart && looksLikeDate(joined))) {
      bulletins.push({ date: joined, title: '', paragraphs: [] });
    } else if (!bulletins[bulletins.length - 1].title) {
      bulletins[bulletins.length - 1].title = joined;
    } else {
      bulletins[bulletins.length - 1].paragraphs.push(joined);
    }
  }
  if (bulletins.length === 0) { console.error(`${file}: no bulletins`); process.exit(1); }
  return { name: path.basename(file).replace(/\.[^.]*$/, ''), bulletins };
}

// A Typst string literal.
const str = (s) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';

const groups = inputs.map(readListing);
const first = groups[0].bulletins;
const period = `${first[first.length - 1].date} \u2013 ${first[0].date}`;
const count = groups.reduce((n, g) => n + g.bulletins.length, 0);

const src = [`#set document(title: ${str(title)})
#set page(paper: "a4", margin: 56pt, footer-descent: 14pt,
  footer: context align(center, text(size: 9pt)[Page #counter(page).display() of #counter(page).final().first()]))
#set text(font: "Noto Sans", size: 10pt, lang: "en")
#set par(leading: 0.586em, spacing: 4pt)
#show heading: set text(weight: "bold")
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 1): set block(above: 18pt, below: 6pt)
#show heading.where(level: 2): set text(size: 11pt)
#show heading.where(level: 2): set block(above: 14pt, below: 5pt)
#set outline.entry(fill: none)
#show outline.entry: set text(size: 11pt, weight: "regular")
#let bulletin(title, date, ..paragraphs) = {
  heading(level: 2, title)
  block(sticky: true, below: 5pt, text(size: 9pt, date))
  for p in paragraphs.pos() { par(p) }
}
#v(140pt)
#align(center)[
  #text(size: 26pt, weight: "bold", ${str(title)})
  #v(20pt)
  #text(size: 14pt, ${str(period)})
  #v(9pt)
  #text(size: 12pt, ${str(count.toLocaleString('en-US') + ' bulletins')})
]
#pagebreak()
#outline(title: [Contents], depth: 1)
#pagebreak()
`];
for (const g of groups) {
  src.push(`#heading(level: 1, ${str(g.name)})\n`);
  for (const b of g.bulletins) {
    src.push(`#bulletin(${str(b.title)}, ${str(b.date)}${b.paragraphs.map((p) => ', ' + str(p)).join('')})\n`);
  }
}

const compiler = NodeCompiler.create({ workspace: __dirname, fontArgs: [{ fontPaths: [path.resolve(fonts)] }] });
const result = compiler.compile({ mainFileContent: src.join('') });
const doc = result.result;
if (!doc) { result.printErrors(); process.exit(1); }
fs.writeFileSync(out, compiler.pdf(doc));
