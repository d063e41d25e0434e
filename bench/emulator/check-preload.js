// Checks bench/emulator/keyed-lookups.js: starts two Azurite table servers (in memory), one with the preload and one
// as shipped, sends both the same requests (writes, point reads, queries in and across partitions, page by page
// with continuation tokens, transactions, a failed transaction, a table dropped and made again) and compares the
// answers byte for byte once the parts that differ between two servers are masked (times, etags, the port, request
// ids, multipart boundaries). Exits 1 on the first difference, printing both answers.
//
//   node bench/emulator/check-preload.js                 the comparison
//   node bench/emulator/check-preload.js --timing [rows] [partitions] [queries]
//       seeds both servers alike (default 200,000 rows over 20,000 partitions) and times partition-range queries
//       (default 2,000, one at a time) against each.
//
// Plain http with SharedKey auth (devstoreaccount1's well-known key); no package beyond Azurite's own.
"use strict";
const { spawn } = require("child_process");
const crypto = require("crypto");
const http = require("http");
const net = require("net");
const path = require("path");

const root = path.join(__dirname, "../..");
const azuriteTable = path.join(root, "node_modules/azurite/dist/src/table/main.js");
const preload = path.join(__dirname, "keyed-lookups.js");
const account = "devstoreaccount1";
const key = Buffer.from("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "base64");
let trace = false; // the preloaded server says, per query, whether it read one partition or the whole table
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

// ---------------------------------------------------------------- servers

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

async function startServer(name, withPreload) {
  const port = await freePort();
  const args = [
    ...(withPreload ? ["--require", preload] : []),
    "--max-old-space-size=8192",
    azuriteTable,
    "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
    "--tableHost", "127.0.0.1", "--tablePort", String(port),
  ];
  const env = { ...process.env, BILLING_PRELOAD_TRACE: withPreload && trace ? "1" : "0" };
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const server = { name, port, child, log: () => log };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${log}`);
    const up = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const preloaded = log.includes("keyed-lookups.js");
  if (preloaded !== withPreload) throw new Error(`${name}: preload ${preloaded ? "loaded" : "not loaded"}: ${log}`);
  return server;
}

function stopServer(server) {
  if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
}

// ---------------------------------------------------------------- requests

// SharedKey for the Table service: VERB, Content-MD5, Content-Type, Date, then /account/<path>[?comp=...].
function request(server, method, pathAndQuery, { headers = {}, body } = {}) {
  const date = new Date().toUTCString();
  const pathOnly = pathAndQuery.split("?")[0];
  const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
  const h = {
    "x-ms-date": date,
    "x-ms-version": "2019-02-02",
    DataServiceVersion: "3.0",
    MaxDataServiceVersion: "3.0;NetFx",
    Accept: "application/json;odata=minimalmetadata",
    ...headers,
  };
  if (payload) {
    h["Content-Type"] = h["Content-Type"] ?? "application/json";
    h["Content-Length"] = payload.length;
  }
  const toSign = [method, "", h["Content-Type"] ?? "", date].join("\n") + "\n" + `/${account}${pathOnly}`;
  h.Authorization = `SharedKey ${account}:${crypto.createHmac("sha256", key).update(toSign, "utf8").digest("base64")}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path: pathAndQuery, headers: h, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const q = (s) => "'" + s.replace(/'/g, "''") + "'"; // an OData string literal, as TableClient.CreateQueryFilter writes it
const keyPath = (table, pk, rk) =>
  `/${account}/${table}(PartitionKey=${encodeURIComponent(q(pk))},RowKey=${encodeURIComponent(q(rk))})`;
const queryPath = (table, { filter, top, select, npk, nrk } = {}) => {
  const parts = [];
  if (filter !== undefined) parts.push("$filter=" + encodeURIComponent(filter));
  if (top !== undefined) parts.push("$top=" + top);
  if (select !== undefined) parts.push("$select=" + encodeURIComponent(select));
  if (npk !== undefined) parts.push("NextPartitionKey=" + encodeURIComponent(npk));
  if (nrk !== undefined) parts.push("NextRowKey=" + encodeURIComponent(nrk));
  return `/${account}/${table}()` + (parts.length ? "?" + parts.join("&") : "");
};

// What may differ between two servers answering the same request: times (Timestamp, Date, etags made from the
// time), the port in URLs, request ids, and random multipart boundaries.
function masked(response, server) {
  let body = response.body
    .split(`127.0.0.1:${server.port}`).join("HOST")
    .replace(/"Timestamp":"[^"]*"/g, '"Timestamp":"T"')
    .replace(/"odata\.etag":"(?:[^"\\]|\\.)*"/g, '"odata.etag":"E"')
    .replace(/ETag: W\/"[^"]*"/gi, "ETag: E")
    .replace(/(batchresponse|changesetresponse)_[0-9a-fA-F-]+/g, "$1_B")
    .replace(/RequestId:[0-9a-fA-F-]+/g, "RequestId:R")
    .replace(/Time:[0-9T:.\-]+Z/g, "Time:T");
  const keep = ["content-type", "x-ms-continuation-nextpartitionkey", "x-ms-continuation-nextrowkey", "preference-applied", "location", "dataserviceid"];
  const headers = keep
    .filter((k) => response.headers[k] !== undefined)
    .map((k) => `${k}: ${String(response.headers[k]).split(`127.0.0.1:${server.port}`).join("HOST").replace(/batchresponse_[0-9a-fA-F-]+/g, "batchresponse_B")}`);
  return `${response.status}\n${headers.join("\n")}\n\n${body}`;
}

// ---------------------------------------------------------------- comparison

let compared = 0;
let queries = 0;
let pages = 0;
let rowsSeen = 0;
const statuses = {};

async function both(servers, label, method, p, options) {
  const answers = [];
  for (const s of servers) answers.push(masked(await request(s, method, p, options), s));
  compared++;
  const tally = `${method === "GET" && p.includes("()") ? "query" : method} ${answers[0].slice(0, 3)}`;
  statuses[tally] = (statuses[tally] ?? 0) + 1;
  if (answers[0] !== answers[1]) {
    console.log(`DIFFERENT: ${label}\n  ${method} ${decodeURIComponent(p)}`);
    servers.forEach((s, i) => console.log(`--- ${s.name}\n${answers[i]}`));
    throw new Error("answers differ");
  }
  return answers[0];
}

// A query followed page by page through its continuation tokens, each page compared. Returns the rows seen.
async function query(servers, label, table, opts, accept) {
  queries++;
  let npk;
  let nrk;
  let rows = 0;
  for (let page = 0; ; page++) {
    pages++;
    const p = queryPath(table, { ...opts, npk, nrk });
    const headers = accept ? { Accept: accept } : {};
    const answer = await both(servers, `${label} (page ${page + 1})`, "GET", p, { headers });
    const response = answer.split("\n\n")[0];
    const m1 = response.match(/^x-ms-continuation-nextpartitionkey: (.*)$/m);
    const m2 = response.match(/^x-ms-continuation-nextrowkey: (.*)$/m);
    const body = answer.slice(answer.indexOf("\n\n") + 2);
    if (body.startsWith("{")) rows += JSON.parse(body).value?.length ?? 0;
    if (!m1 && !m2) return (rowsSeen += rows), rows;
    npk = m1 ? m1[1] : undefined;
    nrk = m2 ? m2[1] : undefined;
    if (page > 10000) throw new Error("runaway continuation");
  }
}

const partitions = ["acc1", "acc2", "acc10", "o'brien", "'quoted''twice'", "ünïcödé-ñ", "日本語", "emoji-😀", "shard-000", "shard-001", "shard-002", "shard-003", "", " space ", "and", "or not"];
const rowKeys = [
  "account", "account.seats", "account.usage-2026-11-27-03", "account.usage-2026-11-28-01", "account-x", "account0",
  "accounu", "accoun", "ledger-2026-11-27-0001", "ledger-2026-11-27-0002", "ledger-2026-11-28-0001",
  "seats-2026-11-27", "it's", "ü", "Z", "a", "😀", "日本", "", " ", "or", "PartitionKey eq 'acc1'",
];

function entity(pk, rk, n, extra = {}) {
  return {
    PartitionKey: pk,
    RowKey: rk,
    Plan: n % 3 === 0 ? "Standard" : n % 3 === 1 ? "Start" : "Start's",
    Seats: n % 30,
    Amount: String(1000 * n),
    "Amount@odata.type": "Edm.Int64",
    Price: n / 7,
    Active: n % 2 === 0,
    When: new Date(Date.UTC(2026, 10, 27, n % 24)).toISOString(),
    "When@odata.type": "Edm.DateTime",
    Id: `0000000${n % 10}-0000-0000-0000-000000000000`,
    "Id@odata.type": "Edm.Guid",
    Note: `row ${n} of ${pk}/${rk} — ünï 😀`,
    ...extra,
  };
}

function queriesFor(table) {
  const list = [];
  // expect: what the preload should do with the filter: read one partition, or the whole table as shipped
  const add = (label, opts, accept, expect = "table") => list.push({ label, opts, accept, expect });
  const addP = (label, opts, accept) => add(label, opts, accept, "partition");
  for (const pk of partitions) {
    const P = `PartitionKey eq ${q(pk)}`;
    // the account head read, as the SDK's CreateQueryFilter writes it
    addP(`head range ${pk}`, { filter: `${P} and RowKey ge 'account' and RowKey lt 'account/'`, top: 1000 });
    addP(`head range, LINQ style ${pk}`, { filter: `(${P}) and (RowKey ge 'account') and (RowKey lt 'account/')` });
    addP(`prefix account. ${pk}`, { filter: `${P} and RowKey ge 'account.' and RowKey lt 'account/'`, top: 2 });
    addP(`prefix ledger- ${pk}`, { filter: `RowKey ge 'ledger-' and RowKey lt 'ledger.' and ${P}`, top: 1 });
    addP(`whole partition ${pk}`, { filter: P });
    for (const top of [1, 2, 3, 7]) addP(`whole partition top ${top} ${pk}`, { filter: P, top });
    addP(`whole partition top 3 nometadata ${pk}`, { filter: P, top: 3 }, "application/json;odata=nometadata");
    addP(`whole partition top 5 fullmetadata ${pk}`, { filter: P, top: 5 }, "application/json;odata=fullmetadata");
    addP(`select RowKey ${pk}`, { filter: P, top: 4, select: "RowKey" });
    addP(`select some ${pk}`, { filter: P, select: "PartitionKey,RowKey,Plan,Missing" });
    addP(`reversed operands ${pk}`, { filter: `${q(pk)} eq PartitionKey and RowKey gt 'a'` });
    addP(`upper-case operators ${pk}`, { filter: `PartitionKey EQ ${q(pk)} AND RowKey LT 'ledger'`, top: 2 });
    addP(`column filter ${pk}`, { filter: `${P} and Plan eq 'Standard'` });
    addP(`column filter quote ${pk}`, { filter: `${P} and Plan eq 'Start''s'`, top: 1 });
    addP(`int filter ${pk}`, { filter: `${P} and Seats gt 5 and Seats le 20` });
    addP(`long filter ${pk}`, { filter: `${P} and Amount ge 5000L`, top: 2 });
    addP(`bool/double filter ${pk}`, { filter: `${P} and Active eq true and Price lt 2.5` });
    addP(`datetime filter ${pk}`, { filter: `${P} and When ge datetime'2026-11-27T05:00:00Z'` });
    addP(`guid filter ${pk}`, { filter: `${P} and Id eq guid'00000003-0000-0000-0000-000000000000'` });
    addP(`ne filter ${pk}`, { filter: `${P} and RowKey ne 'account'`, top: 4 });
    add(`nested or (falls back) ${pk}`, { filter: `${P} and (RowKey eq 'account' or RowKey eq 'a')` });
    add(`not (falls back) ${pk}`, { filter: `${P} and not (RowKey lt 'b')`, top: 3 });
  }
  addP("two partitions (contradiction)", { filter: "PartitionKey eq 'acc1' and PartitionKey eq 'acc2'" });
  addP("missing partition", { filter: "PartitionKey eq 'nosuch' and RowKey ge 'account'" });
  addP("double-quoted literal", { filter: `PartitionKey eq "acc1" and RowKey ge "account"` });
  add("lower-case identifier (a property)", { filter: "partitionkey eq 'acc1'" });
  add("partition vs number", { filter: "PartitionKey eq 1" });
  add("or across partitions", { filter: "PartitionKey eq 'acc1' or PartitionKey eq 'acc2'", top: 3 });
  add("or at top with and", { filter: "PartitionKey eq 'acc1' and RowKey eq 'a' or PartitionKey eq 'acc2'", top: 2 });
  add("not at top", { filter: "not (PartitionKey eq 'acc1')", top: 11 });
  add("partition range", { filter: "PartitionKey ge 'acc' and PartitionKey lt 'acd'", top: 4 });
  add("RowKey only", { filter: "RowKey eq 'account'", top: 3 });
  add("column only", { filter: "Plan eq 'Standard'", top: 9 });
  add("no filter, top 7", { top: 7 });
  add("no filter", {});
  add("no filter select", { select: "RowKey,Seats", top: 50 });
  add("true", { filter: "true", top: 13 });
  add("bad filter", { filter: "PartitionKey eq" });
  add("bad filter 2", { filter: "PartitionKey eq 'acc1' and" });
  add("constants only", { filter: "'a' eq 'a'" });
  return list.map((x) => ({ ...x, table }));
}

const expected = new Map(); // filter -> "partition" | "table"

async function runQueries(servers, table) {
  for (const { label, opts, accept, expect } of queriesFor(table)) {
    expected.set(opts.filter ?? null, expect);
    await query(servers, `${table}: ${label}`, table, opts, accept);
  }
  // continuation tokens that point elsewhere than where the query would have put them
  const enc = (s) => Buffer.from(s, "utf8").toString("base64");
  for (const [npk, nrk] of [["acc1", "account.seats"], ["acc0", "z"], ["o'brien", "a"], ["shard-001", ""], ["zzz", "a"]]) {
    await both(servers, `foreign continuation ${npk}/${nrk}`, "GET",
      queryPath(table, { filter: "PartitionKey eq 'acc1'", top: 2, npk: enc(npk), nrk: enc(nrk) }));
    await both(servers, `foreign continuation, no filter ${npk}/${nrk}`, "GET", queryPath(table, { top: 2, npk: enc(npk), nrk: enc(nrk) }));
  }
  await both(servers, "partition key continuation only", "GET", queryPath(table, { filter: "PartitionKey eq 'acc2'", top: 2, npk: enc("acc2") }));
  for (const pk of ["acc1", "o'brien", "日本語", ""])
    for (const rk of ["account", "it's", "😀", "", "gone"])
      await both(servers, `point read ${pk}/${rk}`, "GET", keyPath(table, pk, rk));
}

function batchBody(server, table, ops) {
  const batch = "batch_" + crypto.randomUUID();
  const changeset = "changeset_" + crypto.randomUUID();
  const lines = [`--${batch}`, `Content-Type: multipart/mixed; boundary=${changeset}`, ""];
  for (const op of ops) {
    lines.push(`--${changeset}`, "Content-Type: application/http", "Content-Transfer-Encoding: binary", "");
    const url = op.method === "POST"
      ? `http://127.0.0.1:${server.port}/${account}/${table}`
      : `http://127.0.0.1:${server.port}${keyPath(table, op.entity.PartitionKey, op.entity.RowKey)}`;
    lines.push(`${op.method} ${url} HTTP/1.1`, "Accept: application/json;odata=minimalmetadata", "DataServiceVersion: 3.0");
    if (op.method === "DELETE" || op.ifMatch) lines.push(`If-Match: ${op.ifMatch ?? "*"}`);
    if (op.method === "POST") lines.push("Prefer: return-no-content");
    if (op.method === "DELETE") lines.push("");
    else lines.push("Content-Type: application/json", "", JSON.stringify(op.entity));
  }
  lines.push(`--${changeset}--`, "", `--${batch}--`, "");
  return { body: lines.join("\r\n"), contentType: `multipart/mixed; boundary=${batch}` };
}

async function batch(servers, label, table, ops) {
  const answers = [];
  for (const s of servers) {
    const { body, contentType } = batchBody(s, table, ops);
    answers.push(masked(await request(s, "POST", `/${account}/$batch`, { body, headers: { "Content-Type": contentType } }), s));
  }
  compared++;
  const tally = `batch ${/HTTP\/1.1 [45]\d\d/.test(answers[0]) ? "failed" : "ok"}`;
  statuses[tally] = (statuses[tally] ?? 0) + 1;
  if (answers[0] !== answers[1]) {
    console.log(`DIFFERENT: ${label}`);
    servers.forEach((s, i) => console.log(`--- ${s.name}\n${answers[i]}`));
    throw new Error("answers differ");
  }
  return answers[0];
}

const write = (servers, label, method, table, e, headers = {}) =>
  both(servers, label, method, method === "POST" ? `/${account}/${table}` : keyPath(table, e.PartitionKey, e.RowKey), {
    body: JSON.stringify(e),
    headers: { "Content-Type": "application/json", ...(method === "POST" ? { Prefer: "return-content" } : {}), ...headers },
  });

async function check() {
  trace = true;
  const servers = [await startServer("preloaded", true), await startServer("stock", false)];
  process.on("exit", () => servers.forEach(stopServer));
  const started = Date.now();
  const tables = ["billing", "other"];
  for (const t of tables) await both(servers, `create ${t}`, "POST", `/${account}/Tables`, { body: JSON.stringify({ TableName: t }) });

  // seed: every partition, every row key, both tables (the second with fewer rows), one row at a time and in batches
  let n = 0;
  for (const pk of partitions) {
    const single = rowKeys.slice(0, 8);
    for (const rk of single) await write(servers, `insert ${pk}/${rk}`, "POST", "billing", entity(pk, rk, n++));
    const rest = rowKeys.slice(8);
    await batch(servers, `batch insert ${pk}`, "billing", rest.map((rk) => ({ method: "POST", entity: entity(pk, rk, n++) })));
    for (const rk of rowKeys.filter((_, i) => i % 3 === 0)) await write(servers, `insert other ${pk}/${rk}`, "POST", "other", entity(pk, rk, n++));
  }
  for (const t of tables) await runQueries(servers, t);
  const round = async (name) => {
    for (const t of tables) await runQueries(servers, t);
    console.log(`  ${name}: ${compared} answers compared so far`);
  };
  console.log(`  seeded and queried: ${compared} answers compared so far`);

  // replace (PUT), merge (MERGE and PATCH), upserts both ways, deletes, inserts of new rows
  for (const [i, pk] of partitions.entries()) {
    await write(servers, `replace ${pk}/account`, "PUT", "billing", entity(pk, "account", 500 + i, { Plan: "Standard", Seats: 29 }), { "If-Match": "*" });
    await write(servers, `merge ${pk}/account.seats`, "MERGE", "billing", { PartitionKey: pk, RowKey: "account.seats", Seats: 3, Extra: "merged" }, { "If-Match": "*" });
    await write(servers, `patch ${pk}/ledger`, "PATCH", "billing", { PartitionKey: pk, RowKey: "ledger-2026-11-27-0001", Plan: "Standard" }, { "If-Match": "*" });
    await write(servers, `upsert-replace new ${pk}`, "PUT", "billing", entity(pk, "account.usage-2026-11-29-00", 600 + i));
    await write(servers, `upsert-merge new ${pk}`, "MERGE", "billing", entity(pk, "account.usage-2026-11-29-01", 700 + i));
    await write(servers, `upsert-merge existing ${pk}`, "PATCH", "billing", { PartitionKey: pk, RowKey: "account0", Seats: 1 });
    await write(servers, `upsert-replace existing ${pk}`, "PUT", "billing", entity(pk, "accounu", 800 + i, { Plan: "Start" }));
    await both(servers, `delete ${pk}/account-x`, "DELETE", keyPath("billing", pk, "account-x"), { headers: { "If-Match": "*" } });
    await both(servers, `delete missing ${pk}`, "DELETE", keyPath("billing", pk, "account-x"), { headers: { "If-Match": "*" } });
    await write(servers, `insert existing ${pk}`, "POST", "billing", entity(pk, "account", 1));
    await write(servers, `update missing ${pk}`, "PUT", "billing", entity(pk, "nope", 1), { "If-Match": "*" });
    await write(servers, `update bad etag ${pk}`, "PUT", "billing", entity(pk, "account", 1), { "If-Match": `W/"datetime'2020-01-01T00%3A00%3A00.0000000Z'"` });
  }
  await round("after replace, merge, upsert and delete");

  // transactions: mixed operations in one partition; then one that fails on its last operation and rolls back
  for (const [i, pk] of partitions.entries()) {
    await batch(servers, `batch mixed ${pk}`, "billing", [
      { method: "POST", entity: entity(pk, "account.usage-2026-11-30-00", 900 + i) },
      { method: "PUT", entity: entity(pk, "account", 950 + i, { Plan: "Start" }) },
      { method: "MERGE", entity: { PartitionKey: pk, RowKey: "account.seats", Seats: 30 } },
      { method: "DELETE", entity: { PartitionKey: pk, RowKey: "ledger-2026-11-27-0002" } },
      { method: "PUT", entity: entity(pk, "ledger-2026-11-29-0001", 970 + i) }, // upsert, new row
    ]);
    await batch(servers, `batch failing ${pk}`, "billing", [
      { method: "POST", entity: entity(pk, "account.usage-2026-12-01-00", 1000 + i) },
      { method: "PUT", entity: entity(pk, "account", 1050 + i, { Plan: "Standard" }) },
      { method: "MERGE", entity: { PartitionKey: pk, RowKey: "account.seats", Seats: 7 } },
      { method: "DELETE", entity: { PartitionKey: pk, RowKey: "ledger-2026-11-28-0001" } },
      { method: "POST", entity: entity(pk, "a", 1) }, // exists: the whole transaction fails and is rolled back
    ]);
  }
  await round("after transactions (one failing per partition)");

  // delete every row of some partitions, then write them again; drop a table and make it again under the same name
  for (const pk of ["acc1", "o'brien", "emoji-😀"]) {
    const rows = JSON.parse((await request(servers[1], "GET", queryPath("billing", { filter: `PartitionKey eq ${q(pk)}` }))).body).value;
    for (const r of rows) await both(servers, `empty ${pk}/${r.RowKey}`, "DELETE", keyPath("billing", pk, r.RowKey), { headers: { "If-Match": "*" } });
  }
  await round("after emptying three partitions");
  for (const pk of ["acc1", "emoji-😀"]) for (const rk of rowKeys.slice(0, 5)) await write(servers, `refill ${pk}/${rk}`, "POST", "billing", entity(pk, rk, 1100));
  await both(servers, "drop other", "DELETE", `/${account}/Tables('other')`);
  await both(servers, "create other again", "POST", `/${account}/Tables`, { body: JSON.stringify({ TableName: "other" }) });
  for (const pk of partitions.slice(0, 4)) await write(servers, `other again ${pk}`, "POST", "other", entity(pk, "account", 1200));
  await round("after refilling, dropping and making a table again");
  await both(servers, "query a missing table", "GET", queryPath("nosuch", { filter: "PartitionKey eq 'acc1'" }));
  await both(servers, "query a table by another case", "GET", queryPath("BILLING", { filter: "PartitionKey eq 'acc2'", top: 3 }));

  console.log("  answers by kind and status: " + Object.entries(statuses).sort().map(([k, v]) => `${k}: ${v}`).join(", "));
  const preloadedLog = servers[0].log();
  // what the preload did with each query
  const decisions = { partition: 0, table: 0 };
  for (const line of preloadedLog.split("\n")) {
    if (line.includes("index out of step")) throw new Error("preload: " + line);
    const m = line.match(/^keyed-lookups: (partition .*|table) for (.*)$/);
    if (!m) continue;
    const did = m[1] === "table" ? "table" : "partition";
    decisions[did]++;
    const filter = JSON.parse(m[2]);
    if (expected.has(filter) && expected.get(filter) !== did)
      throw new Error(`preload read the ${did} for ${JSON.stringify(filter)}, expected the ${expected.get(filter)}`);
  }
  if (decisions.partition === 0 || decisions.table === 0) throw new Error("preload trace missing: " + JSON.stringify(decisions));
  console.log(`  the preloaded server answered ${decisions.partition} query pages from one partition, ${decisions.table} from the whole table`);
  console.log(`check-preload: OK — ${compared} answers identical (${queries} queries followed over ${pages} pages returning ${rowsSeen} rows, ` +
    `${partitions.length} partitions × ${rowKeys.length} row keys, 2 tables) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  servers.forEach(stopServer);
}

// ---------------------------------------------------------------- timing

async function timing(rows, partitionCount, queryCount) {
  const perPartition = Math.ceil(rows / partitionCount);
  const kinds = ["account", "account.seats", "account.usage-2026-11-27-03", "seats-2026-11-27"];
  const rowKeyOf = (j) => (j < kinds.length ? kinds[j] : `ledger-2026-11-27-${String(j).padStart(4, "0")}`);
  const pk = (i) => `acc${String(i).padStart(6, "0")}`;
  const results = {};
  for (const withPreload of [true, false]) {
    const server = await startServer(withPreload ? "preloaded" : "stock", withPreload);
    try {
      await request(server, "POST", `/${account}/Tables`, { body: JSON.stringify({ TableName: "bench" }) });
      const t0 = Date.now();
      let next = 0;
      let lastReport = Date.now();
      const worker = async () => {
        for (let i; (i = next++) < partitionCount; ) {
          const ops = [];
          for (let j = 0; j < perPartition && i * perPartition + j < rows; j++) ops.push({ method: "POST", entity: entity(pk(i), rowKeyOf(j), j) });
          const { body, contentType } = batchBody(server, "bench", ops);
          const r = await request(server, "POST", `/${account}/$batch`, { body, headers: { "Content-Type": contentType } });
          if (r.status !== 202 || !r.body.includes("204 No Content")) throw new Error(`seed failed: ${r.status} ${r.body.slice(0, 500)}`);
          if (Date.now() - lastReport > 30000) {
            lastReport = Date.now();
            console.log(`  ${server.name}: seeded ${i} of ${partitionCount} partitions, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      const seedSeconds = (Date.now() - t0) / 1000;
      // one at a time, as a charge reads one account's head; the same pseudo-random partitions on both servers
      let seed = 12345;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      let returned = 0;
      const t1 = process.hrtime.bigint();
      for (let k = 0; k < queryCount; k++) {
        const filter = `PartitionKey eq ${q(pk(Math.floor(rand() * partitionCount)))} and RowKey ge 'account' and RowKey lt 'account/'`;
        const r = await request(server, "GET", queryPath("bench", { filter, top: 1000 }), { headers: { Accept: "application/json;odata=nometadata" } });
        if (r.status !== 200) throw new Error(`query failed: ${r.status} ${r.body}`);
        returned += JSON.parse(r.body).value.length;
      }
      const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
      results[server.name] = { seedSeconds, seconds, returned };
      console.log(`  ${server.name}: seeded ${rows} rows over ${partitionCount} partitions in ${seedSeconds.toFixed(1)} s; ` +
        `${queryCount} partition-range queries in ${seconds.toFixed(2)} s = ${(queryCount / seconds).toFixed(0)} queries/s, ` +
        `${((seconds * 1000) / queryCount).toFixed(2)} ms each, ${returned} rows returned`);
    } finally {
      stopServer(server);
    }
  }
  const { preloaded, stock } = results;
  if (preloaded.returned !== stock.returned) throw new Error("the two servers returned different row counts");
  console.log(`timing: preloaded ${(preloaded.seconds * 1000 / queryCount).toFixed(2)} ms/query, stock ` +
    `${(stock.seconds * 1000 / queryCount).toFixed(2)} ms/query (${(stock.seconds / preloaded.seconds).toFixed(0)}× faster with the preload)`);
}

const args = process.argv.slice(2);
const main = args[0] === "--timing"
  ? () => timing(Number(args[1] ?? 200000), Number(args[2] ?? 20000), Number(args[3] ?? 2000))
  : check;
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e.stack || e);
    process.exit(1);
  },
);
