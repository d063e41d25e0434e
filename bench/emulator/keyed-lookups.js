// Preloaded into Azurite by scripts/bench.sh and scripts/test.sh (node --require), unless BILLING_BENCH_STOCK_AZURITE=1 / BILLING_TEST_STOCK_AZURITE=1.
//
// Why: Table Storage finds a row by partition and row key at the same cost whatever the table's size, and answers
// a query bounded to one partition in time proportional to the rows it returns. Azurite keeps a table in one
// LokiJS collection with binary indexes on RowKey and PartitionKey, and so, in this product's design where every
// account's head has the RowKey "account" (and every day's seats row "seats-<date>"):
//   - a point lookup (read, insert, update, delete, each row of a transaction) narrows by RowKey first and then
//     walks every account's row of that kind;
//   - every update or delete keeps both indexes in order with a linear pass over them;
//   - every query (an account's head read as one range in its partition, a shard's listing page by page) runs its
//     filter over every row of the table, whatever the filter says.
// Each request costs O(N), a run O(N²): 10,000 accounts took 20 minutes, 100,000 would take days.
//
// What: this preload keeps, for each table, a map from PartitionKey to a map from RowKey to the row, kept in step
// with every insert, update and remove of the collection, and drops the two indexes.
//   - Point lookups come from that map.
//   - A query whose filter is a conjunction with a term `PartitionKey eq '<text>'` (parsed with Azurite's own
//     parser; any `or` or `not` anywhere in it, or anything not understood, and the query runs as shipped) runs
//     Azurite's own queryTableEntities unchanged, except that its LokiJS chain starts from that partition's rows
//     (in collection order) instead of every row: Azurite's filter, its continuation predicate, its sort, its
//     limit, LokiJS's data() and the continuation headers are all its own, and a row outside the partition could
//     not have passed the filter, so the answer is the same. bench/emulator/check-preload.js compares the answers
//     with a stock emulator's.
//   - Other queries (no such term, or an `or` or `not` anywhere) filter the whole collection as in the stock emulator.
// Baseline and product run on the same emulator; nothing in the product changes.
"use strict";
const path = require("path");
const tableDist = path.join(__dirname, "../../node_modules/azurite/dist/src/table");
const Store = require(path.join(tableDist, "persistence/LokiTableMetadataStore.js")).default;
const queryModule = (name) => require(path.join(tableDist, "persistence/QueryInterpreter", name)).default;
const parseQuery = queryModule("QueryParser");
const [AndNode, OrNode, NotNode, EqualsNode, IdentifierNode, ConstantNode, BinaryOperatorNode] = [
  "AndNode", "OrNode", "NotNode", "EqualsNode", "IdentifierNode", "ConstantNode", "BinaryOperatorNode",
].map((node) => queryModule("QueryNodes/" + node));

const entityCollection = Store.prototype.getEntityCollection;
const queryTableEntities = Store.prototype.queryTableEntities;
if (typeof entityCollection !== "function") throw new Error("Azurite changed: LokiTableMetadataStore.getEntityCollection is gone");
// The partition query relies on queryTableEntities building exactly one chain, synchronously (no await before it).
const querySource = String(queryTableEntities);
if ((querySource.match(/\.chain\(\)/g) || []).length !== 1 || /\bawait\b/.test(querySource))
  throw new Error("Azurite changed: LokiTableMetadataStore.queryTableEntities no longer builds one chain synchronously");

const trace = process.env.BILLING_PRELOAD_TRACE === "1"; // one stderr line per query, for check-preload.js
const keyed = Symbol("keyed");
const onlyPartition = Symbol("onlyPartition");
const isPointLookup = (query) =>
  query != null && Object.keys(query).length === 2 && typeof query.PartitionKey === "string" && typeof query.RowKey === "string";

// The partition a filter is bounded to, or undefined. A row passes Azurite's filter only if every term of a top-level
// `and` is truthy, and `PartitionKey eq '<text>'` (identifier against a string constant) is `row.PartitionKey === text`.
function partitionOf(filter) {
  if (typeof filter !== "string" || filter === "" || filter === "true" || filter === "false") return undefined;
  let tree;
  try {
    tree = parseQuery(filter);
  } catch {
    return undefined; // Azurite's own call reports the error
  }
  const hasOrOrNot = (node) =>
    node instanceof OrNode || node instanceof NotNode ||
    (node instanceof BinaryOperatorNode && (hasOrOrNot(node.left) || hasOrOrNot(node.right)));
  if (hasOrOrNot(tree)) return undefined;
  const terms = [];
  const flatten = (node) => (node instanceof AndNode ? (flatten(node.left), flatten(node.right)) : terms.push(node));
  flatten(tree);
  for (const term of terms) {
    if (!(term instanceof EqualsNode)) continue;
    const [id, value] = term.left instanceof IdentifierNode ? [term.left, term.right] : [term.right, term.left];
    if (id instanceof IdentifierNode && id.identifier === "PartitionKey" &&
        value != null && value.constructor === ConstantNode && typeof value.value === "string") return value.value;
  }
  return undefined;
}

function keyCollection(collection) {
  const partitions = new Map(); // PartitionKey -> Map(RowKey -> stored doc)
  const add = (doc) => {
    let rows = partitions.get(doc.PartitionKey);
    if (!rows) partitions.set(doc.PartitionKey, (rows = new Map()));
    rows.set(doc.RowKey, doc);
  };
  const drop = (partitionKey, rowKey, doc) => {
    const rows = partitions.get(partitionKey);
    if (rows && rows.get(rowKey) === doc) {
      rows.delete(rowKey);
      if (rows.size === 0) partitions.delete(partitionKey);
    }
  };
  const stored = (coll, doc) => doc.$loki !== undefined && coll.get(doc.$loki) === doc;
  for (const doc of collection.data) add(doc);
  collection.binaryIndices = {};
  const { insert, update, remove, findOne, chain } = collection;
  collection.insert = function (doc) {
    const result = insert.call(this, doc);
    for (const d of Array.isArray(result) ? result : [result]) if (d) add(this.get(d.$loki) ?? d);
    return result;
  };
  collection.update = function (doc) {
    const docs = Array.isArray(doc) ? doc : [doc];
    const before = docs.map((d) => (d && d.$loki !== undefined ? this.get(d.$loki) : null));
    const result = update.call(this, doc);
    docs.forEach((d, i) => {
      const now = d && d.$loki !== undefined ? this.get(d.$loki) : null;
      if (!now) return;
      const old = before[i];
      if (old && old !== now) drop(old.PartitionKey, old.RowKey, old);
      add(now);
    });
    return result;
  };
  collection.remove = function (doc) {
    const docs = (Array.isArray(doc) ? doc : [doc]).map((d) => (typeof d === "number" ? this.get(d) : d));
    const removing = docs.filter((d) => d && typeof d === "object").map((d) => [d.PartitionKey, d.RowKey, d]);
    const result = remove.call(this, doc);
    // Keys taken before: LokiJS deletes $loki and meta from the docs it removes (and logs, not throws, some failures).
    for (const [partitionKey, rowKey, d] of removing) if (!stored(this, d)) drop(partitionKey, rowKey, d);
    return result;
  };
  collection.findOne = function (query) {
    return isPointLookup(query) ? partitions.get(query.PartitionKey)?.get(query.RowKey) ?? null : findOne.call(this, query);
  };
  // Set by queryTableEntities below just for its synchronous call of Azurite's method: the one chain it builds
  // starts from the partition's rows, in collection order, as LokiJS's first where() would have found them.
  collection.chain = function (transform, parameters) {
    const partition = this[onlyPartition];
    if (partition === undefined || transform !== undefined) return chain.call(this, transform, parameters);
    this[onlyPartition] = undefined;
    const positions = [];
    for (const doc of partitions.get(partition)?.values() ?? []) {
      const found = doc.$loki === undefined ? null : this.get(doc.$loki, true);
      if (!found || found[0] !== doc) {
        if (trace) process.stderr.write(`keyed-lookups: index out of step in partition ${JSON.stringify(partition)}\n`);
        return chain.call(this); // scan everything, as shipped
      }
      positions.push(found[1]);
    }
    positions.sort((a, b) => a - b);
    const resultset = chain.call(this);
    resultset.filteredrows = positions;
    resultset.filterInitialized = true;
    return resultset;
  };
  collection[keyed] = true;
}

Store.prototype.getEntityCollection = function (...args) {
  const collection = entityCollection.apply(this, args);
  if (!collection[keyed]) keyCollection(collection);
  return collection;
};

Store.prototype.queryTableEntities = function (context, account, table, queryOptions) {
  const partition = partitionOf(queryOptions?.filter);
  if (trace) process.stderr.write(`keyed-lookups: ${partition === undefined ? "table" : "partition " + JSON.stringify(partition)} for ${JSON.stringify(queryOptions?.filter ?? null)}\n`);
  if (partition === undefined) return queryTableEntities.apply(this, arguments);
  let collection;
  try {
    collection = this.getEntityCollection(account, table, context);
  } catch {
    return queryTableEntities.apply(this, arguments); // no such table: Azurite's own call reports it
  }
  collection[onlyPartition] = partition;
  try {
    return queryTableEntities.apply(this, arguments);
  } finally {
    collection[onlyPartition] = undefined;
  }
};
process.stderr.write("azurite: point lookups by key, partition queries by partition (bench/emulator/keyed-lookups.js)\n");
