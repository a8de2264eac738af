-- wrk script for bench/dynamodb.py: OP (GetItem | PutItem | Query) on random keys of N items.
-- Items are pk = "p" .. (i // 100), sk = i % 100, so every partition holds 100 items.
local op = os.getenv("DDB_OP") or "GetItem"
local n = tonumber(os.getenv("DDB_ITEMS") or "10000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local i = math.random(0, n - 1)
  local pk = "p" .. math.floor(i / 100)
  local body
  if op == "GetItem" then
    body = string.format('{"TableName":"bench","Key":{"pk":{"S":"%s"},"sk":{"N":"%d"}}}', pk, i % 100)
  elseif op == "PutItem" then
    body = string.format('{"TableName":"bench","Item":{"pk":{"S":"%s"},"sk":{"N":"%d"},' ..
                         '"v":{"N":"%d"},"s":{"S":"some payload text"}}}', pk, i % 100, i)
  else
    body = string.format('{"TableName":"bench","KeyConditionExpression":"pk = :p AND sk >= :s",' ..
                         '"ExpressionAttributeValues":{":p":{"S":"%s"},":s":{"N":"50"}},"Limit":20}', pk)
  end
  return wrk.format("POST", "/", {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
  }, body)
end
