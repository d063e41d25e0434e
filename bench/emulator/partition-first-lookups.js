// Preloaded into Azurite by scripts/bench.sh (node --require), unless BILLING_BENCH_STOCK_AZURITE=1.
//
// Why: Azurite finds an entity with LokiJS findOne({ RowKey, PartitionKey }). LokiJS narrows by the first key's
// index, and in our design every account's head has the RowKey "account" (and every day's seats row the same
// "seats-<date>"), so each point read, insert or update walks every account's row of that kind: the cost of a request
// grows with N and a run with N². Table Storage finds a row by its partition first. Asking LokiJS for the same keys
// with PartitionKey first makes the emulator do the same; the baseline and the product get the same emulator, and
// the run at 100,000 accounts takes minutes instead of days. Queries (range reads, listings) are not changed: they
// still filter the whole table, as they do in the stock emulator.
"use strict";
const path = require("path");
const storeModule = path.join(__dirname, "../../node_modules/azurite/dist/src/table/persistence/LokiTableMetadataStore.js");
const patched = Symbol("partitionFirst");
const Store = require(storeModule).default;
const entityCollection = Store.prototype.getEntityCollection;
if (typeof entityCollection !== "function") throw new Error("Azurite changed: LokiTableMetadataStore.getEntityCollection is gone");

Store.prototype.getEntityCollection = function (...args) {
  const collection = entityCollection.apply(this, args);
  if (!collection[patched]) {
    const findOne = collection.findOne;
    collection.findOne = function (query) {
      const keys = query ? Object.keys(query) : [];
      const pointLookup = keys.length === 2 && "PartitionKey" in query && "RowKey" in query;
      return findOne.call(this, pointLookup ? { PartitionKey: query.PartitionKey, RowKey: query.RowKey } : query);
    };
    collection[patched] = true;
  }
  return collection;
};
// Azurite's own child processes inherit NODE_OPTIONS: say it once.
if (!process.env.BILLING_BENCH_LOOKUPS_SAID) {
  process.env.BILLING_BENCH_LOOKUPS_SAID = "1";
  process.stderr.write("azurite: point lookups by PartitionKey first (bench/emulator/partition-first-lookups.js)\n");
}
