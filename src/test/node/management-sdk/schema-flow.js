// Builds a schema in one devstage environment with the official Management SDK, then diffs a second environment
// against it and applies the diff, as a user of the SDK would. Prints one JSON object with what happened.
// Input from the environment: SOURCE_ENDPOINT, TARGET_ENDPOINT (content API URLs), DEVSTAGE_TOKEN.
const { Client } = require("@hygraph/management-sdk");

async function main() {
  const authToken = process.env.DEVSTAGE_TOKEN;
  const source = new Client({ authToken, endpoint: process.env.SOURCE_ENDPOINT, name: `build-${Date.now()}` });
  source.createEnumeration({ apiId: "Amenity", displayName: "Amenity",
    values: [{ apiId: "POOL", displayName: "Pool" }, { apiId: "SPA", displayName: "Spa" }] });
  source.createModel({ apiId: "Brand", apiIdPlural: "Brands", displayName: "Brand" });
  source.createSimpleField({ apiId: "label", modelApiId: "Brand", type: "STRING", displayName: "Label", isRequired: true });
  source.createEnumerableField({ apiId: "amenity", modelApiId: "Hotel", enumerationApiId: "Amenity", displayName: "Amenity" });
  source.createRelationalField({ apiId: "brand", modelApiId: "Hotel", type: "RELATION", displayName: "Brand",
    reverseField: { apiId: "hotels", modelApiId: "Brand", displayName: "Hotels", isList: true } });
  source.createComponent({ apiId: "Badge", apiIdPlural: "Badges", displayName: "Badge" });
  source.createSimpleField({ apiId: "caption", parentApiId: "Badge", type: "STRING", displayName: "Caption" });
  source.createComponentField({ apiId: "badges", parentApiId: "Hotel", displayName: "Badges", componentApiId: "Badge",
    isList: true });
  source.createComponentUnionField({ apiId: "blocks", parentApiId: "Brand", displayName: "Blocks", componentApiIds: ["Badge"],
    isList: true });
  source.createUnionField({ apiId: "partner", modelApiId: "Hotel", displayName: "Partner",
    reverseField: { modelApiIds: ["Brand", "Destination"] } });
  const built = await source.run(true);

  const targetName = new URL(process.env.SOURCE_ENDPOINT).pathname.split("/").pop();
  const target = new Client({ authToken, endpoint: process.env.TARGET_ENDPOINT, name: `promote-${Date.now()}` });
  const changes = await target.getEnvironmentDiff(targetName);
  target.applySchemaChanges(changes);
  const planned = target.dryRun().map((m) => m.operationName);
  const applied = await target.run(true);
  console.log(JSON.stringify({ built: built.status, builtErrors: built.errors, planned, applied: applied.status,
    appliedErrors: applied.errors }));
}

main().catch((e) => {
  console.log(JSON.stringify({ error: String(e && e.message ? e.message : e) }));
  process.exit(1);
});
