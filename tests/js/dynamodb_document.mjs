// A DocumentClient round trip with the AWS SDK for JavaScript v3 against PREFLIGHT_ENDPOINT.
// Prints one JSON object with what it read back; tests/integration/test_dynamodb_js.py checks it.
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

const client = new DynamoDBClient({
  endpoint: process.env.PREFLIGHT_ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});
const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

await client.send(new CreateTableCommand({
  TableName: "books",
  BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{ AttributeName: "author", KeyType: "HASH" }, { AttributeName: "title", KeyType: "RANGE" }],
  AttributeDefinitions: [
    { AttributeName: "author", AttributeType: "S" }, { AttributeName: "title", AttributeType: "S" },
  ],
}));
await doc.send(new PutCommand({
  TableName: "books",
  Item: { author: "Le Guin", title: "The Dispossessed", year: 1974, tags: new Set(["sf"]),
          meta: { pages: 387, awards: ["Hugo", "Nebula"] }, price: 9.5 },
}));
await doc.send(new PutCommand({ TableName: "books", Item: { author: "Le Guin", title: "Lathe", year: 1971 } }));
const updated = await doc.send(new UpdateCommand({
  TableName: "books", Key: { author: "Le Guin", title: "The Dispossessed" },
  UpdateExpression: "SET price = price + :d, meta.awards = list_append(meta.awards, :a)",
  ExpressionAttributeValues: { ":d": 0.49, ":a": ["Locus"] }, ReturnValues: "ALL_NEW",
}));
const got = await doc.send(new GetCommand({ TableName: "books", Key: { author: "Le Guin", title: "Lathe" } }));
const queried = await doc.send(new QueryCommand({
  TableName: "books", KeyConditionExpression: "author = :a AND begins_with(title, :t)",
  ExpressionAttributeValues: { ":a": "Le Guin", ":t": "The" },
}));
let conditional = "none";
try {
  await doc.send(new PutCommand({ TableName: "books", Item: { author: "Le Guin", title: "Lathe" },
                                  ConditionExpression: "attribute_not_exists(title)" }));
} catch (e) {
  conditional = e.name;
}
let cancelled = [];
try {
  await doc.send(new TransactWriteCommand({ TransactItems: [
    { Put: { TableName: "books", Item: { author: "X", title: "Y" } } },
    { ConditionCheck: { TableName: "books", Key: { author: "Le Guin", title: "Lathe" },
                        ConditionExpression: "attribute_not_exists(title)" } },
  ] }));
} catch (e) {
  cancelled = (e.CancellationReasons || []).map((r) => r.Code);
}
console.log(JSON.stringify({
  updated: { ...updated.Attributes, tags: [...updated.Attributes.tags] },
  got: got.Item,
  queried: queried.Items.map((i) => i.title),
  conditional,
  cancelled,
}));
