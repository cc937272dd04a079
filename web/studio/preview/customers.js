// Example customers for the preview: JSON lines (text starting with "{" or "[": one attribute
// object per line), else a CSV row set (a header line, then one customer per row; RFC 4180
// quoting). CSV values are typed
// as a page would pass them: numbers as numbers, true/false as booleans, an empty cell left
// out; a dotted column ("cart.items") becomes a nested attribute. Errors name the source, the
// line and what would be valid.
export function parseCustomers(text, source) {
  const trimmed = text.trim();
  if (!trimmed) throw new Error(`${source}: is empty; expected a CSV header line and rows, or JSON lines`);
  return /^[[{]/.test(trimmed) ? parseJsonLines(trimmed, source) : parseCsv(trimmed, source);
}

function parseJsonLines(text, source) {
  const customers = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new Error(`${source} line ${i + 1}: not JSON (${e.message}); expected one attribute object per line`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new Error(`${source} line ${i + 1}: is ${Array.isArray(value) ? "an array" : JSON.stringify(value)}, expected an attribute object`);
    }
    customers.push(value);
  });
  return customers;
}

function parseCsv(text, source) {
  const rows = csvRows(text, source);
  const header = rows.shift();
  if (rows.length === 0) throw new Error(`${source}: has a header line but no customer rows`);
  return rows.map(({ cells, line }) => {
    if (cells.length !== header.cells.length) {
      throw new Error(`${source} line ${line}: has ${cells.length} columns, the header has ${header.cells.length}`);
    }
    const attributes = {};
    header.cells.forEach((name, i) => {
      if (cells[i] !== "") setPath(attributes, name, typed(cells[i]));
    });
    return attributes;
  });
}

function typed(cell) {
  if (cell === "true" || cell === "false") return cell === "true";
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

function setPath(target, name, value) {
  const parts = name.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== "object") node[part] = {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = value;
}

// [{cells, line}] with quoted fields ("a ""b""", commas and newlines inside quotes).
function csvRows(text, source) {
  const rows = [];
  let cells = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else {
        if (c === "\n") line += 1;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") cells.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      cells.push(cell);
      rows.push({ cells, line: start });
      cells = [];
      cell = "";
      line += 1;
      start = line;
    } else cell += c;
  }
  if (quoted) throw new Error(`${source} line ${start}: a quoted field is not closed`);
  cells.push(cell);
  rows.push({ cells, line: start });
  return rows.filter((r) => r.cells.some((c) => c !== ""));
}

// A short name for a customer in lists.
export function customerLabel(attributes, index) {
  const id = attributes.id ?? attributes.customer_id ?? attributes.user;
  return id === undefined ? `customer ${index + 1}` : String(id);
}
