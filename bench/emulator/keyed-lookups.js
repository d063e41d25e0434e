// Preloaded into Azurite by scripts/bench.sh (node --require), unless BILLING_BENCH_STOCK_AZURITE=1.
//
// Why: Table Storage finds a row by partition and row key at the same cost whatever the table's size. Azurite keeps
// a table in one LokiJS collection with binary indexes on RowKey and PartitionKey, and so, in this product's design
// where every account's head has the RowKey "account" (and every day's seats row "seats-<date>"):
//   - a point lookup (read, insert, update, delete, each row of a transaction) narrows by RowKey first and then
//     walks every account's row of that kind;
//   - every update or delete keeps both indexes in order with a linear pass over them.
// Each request costs O(N), a run O(N²): 10,000 accounts took 20 minutes, 100,000 would take days. This preload
// serves point lookups from a map by (PartitionKey, RowKey), kept in step with every insert, update and remove of
// the collection, and drops the two indexes; queries (range reads, listings) filter the whole collection as they
// do in the stock emulator, which never used the indexes for them. Baseline and product run on the same emulator;
// nothing in the product changes.
"use strict";
const path = require("path");
const storeModule = path.join(__dirname, "../../node_modules/azurite/dist/src/table/persistence/LokiTableMetadataStore.js");
const Store = require(storeModule).default;
const entityCollection = Store.prototype.getEntityCollection;
if (typeof entityCollection !== "function") throw new Error("Azurite changed: LokiTableMetadataStore.getEntityCollection is gone");

const keyed = Symbol("keyed");
const keyOf = (doc) => doc.PartitionKey + "\u0000" + doc.RowKey;
const isPointLookup = (query) =>
  query != null && Object.keys(query).length === 2 && typeof query.PartitionKey === "string" && typeof query.RowKey === "string";

function keyCollection(collection) {
  const rows = new Map();
  for (const doc of collection.data) rows.set(keyOf(doc), doc);
  collection.binaryIndices = {};
  const { insert, update, remove, findOne } = collection;
  collection.insert = function (doc) {
    const stored = insert.call(this, doc);
    for (const d of Array.isArray(stored) ? stored : [stored]) if (d) rows.set(keyOf(d), d);
    return stored;
  };
  collection.update = function (doc) {
    const result = update.call(this, doc);
    for (const d of Array.isArray(doc) ? doc : [doc]) rows.set(keyOf(d), this.get(d.$loki));
    return result;
  };
  collection.remove = function (doc) {
    const docs = (Array.isArray(doc) ? doc : [doc]).map((d) => (typeof d === "number" ? this.get(d) : d));
    const keys = docs.map((d) => (d ? [keyOf(d), d] : null));
    const result = remove.call(this, doc);
    for (const entry of keys) if (entry && rows.get(entry[0]) === entry[1]) rows.delete(entry[0]);
    return result;
  };
  collection.findOne = function (query) {
    return isPointLookup(query) ? rows.get(keyOf(query)) ?? null : findOne.call(this, query);
  };
  collection[keyed] = true;
}

Store.prototype.getEntityCollection = function (...args) {
  const collection = entityCollection.apply(this, args);
  if (!collection[keyed]) keyCollection(collection);
  return collection;
};
process.stderr.write("azurite: point lookups by key (bench/emulator/keyed-lookups.js)\n");
