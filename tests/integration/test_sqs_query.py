"""SQS on the wire: the query protocol (signed form POSTs answered in XML) by hand, the JSON
protocol's error shape, malformed input, and boto3 when it still speaks query."""

import base64

import botocore.exceptions
import pytest

from sqs_helpers import (ACCOUNT, QUERY_NS, create_queue, installed_protocol, json_call,
                         md5_hex, md5_of_attributes, q, qall, qtext, query_call, queue_url,
                         sqs_client)

NON_EXISTENT = "AWS.SimpleQueueService.NonExistentQueue"


def tag(name):
    return f"{{{QUERY_NS}}}{name}"


def ok(emulator, params, path="/"):
    status, headers, root = query_call(emulator, params, path)
    assert status == 200, (params, root)
    assert root.tag == tag(f"{dict(params)['Action']}Response")
    request_id = qtext(root, "ResponseMetadata/RequestId")
    assert request_id and headers["x-amzn-requestid"] == request_id
    assert headers["content-type"].startswith("text/xml")
    return root


def query_error(emulator, params, path="/"):
    """(status, Type, Code, Message) of an <ErrorResponse>."""
    status, headers, root = query_call(emulator, params, path)
    assert root.tag == tag("ErrorResponse"), root.tag
    assert qtext(root, "RequestId") == headers["x-amzn-requestid"]
    return (status, qtext(root, "Error/Type"), qtext(root, "Error/Code"), qtext(root, "Error/Message"))


def parse_messages(root):
    messages = []
    for m in qall(root, "ReceiveMessageResult/Message"):
        attrs = {qtext(a, "Name"): qtext(a, "Value") for a in qall(m, "Attribute")}
        message_attrs = {}
        for a in qall(m, "MessageAttribute"):
            value = {"DataType": qtext(a, "Value/DataType")}
            if q(a, "Value/StringValue") is not None:
                value["StringValue"] = qtext(a, "Value/StringValue")
            if q(a, "Value/BinaryValue") is not None:
                value["BinaryValue"] = base64.b64decode(qtext(a, "Value/BinaryValue"))
            message_attrs[qtext(a, "Name")] = value
        messages.append({"MessageId": qtext(m, "MessageId"), "ReceiptHandle": qtext(m, "ReceiptHandle"),
                         "MD5OfBody": qtext(m, "MD5OfBody"), "Body": qtext(m, "Body"),
                         "MD5OfMessageAttributes": qtext(m, "MD5OfMessageAttributes"),
                         "Attributes": attrs, "MessageAttributes": message_attrs})
    return messages


def test_query_create_send_receive(emulator):
    root = ok(emulator, [("Action", "CreateQueue"), ("QueueName", "xml-queue"),
                         ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "40"),
                         ("Attribute.2.Name", "DelaySeconds"), ("Attribute.2.Value", "0"),
                         ("Tag.1.Key", "env"), ("Tag.1.Value", "dev")])
    url = qtext(root, "CreateQueueResult/QueueUrl")
    assert url == queue_url(emulator, "xml-queue")

    body = "<tag> & \"quotes\" ✓ 🚀"
    binary = b"\x00\xffbin"
    attrs = {"color": {"DataType": "String", "StringValue": "blue & <green>"},
             "size": {"DataType": "Number", "StringValue": "7"},
             "raw": {"DataType": "Binary", "BinaryValue": binary}}
    root = ok(emulator, [("Action", "SendMessage"), ("QueueUrl", url), ("MessageBody", body),
                         ("MessageAttribute.1.Name", "color"),
                         ("MessageAttribute.1.Value.DataType", "String"),
                         ("MessageAttribute.1.Value.StringValue", "blue & <green>"),
                         ("MessageAttribute.2.Name", "size"),
                         ("MessageAttribute.2.Value.DataType", "Number"),
                         ("MessageAttribute.2.Value.StringValue", "7"),
                         ("MessageAttribute.3.Name", "raw"),
                         ("MessageAttribute.3.Value.DataType", "Binary"),
                         ("MessageAttribute.3.Value.BinaryValue", base64.b64encode(binary).decode())])
    message_id = qtext(root, "SendMessageResult/MessageId")
    assert message_id
    assert qtext(root, "SendMessageResult/MD5OfMessageBody") == md5_hex(body)
    assert qtext(root, "SendMessageResult/MD5OfMessageAttributes") == md5_of_attributes(attrs)

    root = ok(emulator, [("Action", "ReceiveMessage"), ("QueueUrl", url), ("WaitTimeSeconds", "1"),
                         ("AttributeName.1", "All"), ("MessageAttributeName.1", "All")])
    [m] = parse_messages(root)
    assert m["MessageId"] == message_id and m["ReceiptHandle"]
    assert m["Body"] == body and m["MD5OfBody"] == md5_hex(body)
    assert m["MessageAttributes"] == attrs
    assert m["MD5OfMessageAttributes"] == md5_of_attributes(attrs)
    assert m["Attributes"]["ApproximateReceiveCount"] == "1"
    assert int(m["Attributes"]["SentTimestamp"]) > 1_600_000_000_000
    assert int(m["Attributes"]["ApproximateFirstReceiveTimestamp"]) >= int(m["Attributes"]["SentTimestamp"])

    # In flight now: an empty result.
    root = ok(emulator, [("Action", "ReceiveMessage"), ("QueueUrl", url)])
    assert parse_messages(root) == []
    ok(emulator, [("Action", "DeleteMessage"), ("QueueUrl", url), ("ReceiptHandle", m["ReceiptHandle"])])
    ok(emulator, [("Action", "DeleteQueue"), ("QueueUrl", url)])
    assert query_error(emulator, [("Action", "GetQueueUrl"), ("QueueName", "xml-queue")])[2] == NON_EXISTENT
    # The root user's messages carry the account id as their sender.
    assert m["Attributes"]["SenderId"] == ACCOUNT


def test_query_empty_results_keep_their_result_element(emulator):
    # SQS answers <XResult/> even when there is nothing to list; botocore's query parser needs it.
    root = ok(emulator, [("Action", "ListQueues")])
    assert q(root, "ListQueuesResult") is not None and qall(root, "ListQueuesResult/QueueUrl") == []
    url = create_queue(sqs_client(emulator), "empty")
    root = ok(emulator, [("Action", "ReceiveMessage"), ("QueueUrl", url)])
    assert q(root, "ReceiveMessageResult") is not None and parse_messages(root) == []
    root = ok(emulator, [("Action", "ListQueueTags"), ("QueueUrl", url)])
    assert q(root, "ListQueueTagsResult") is not None and qall(root, "ListQueueTagsResult/Tag") == []
    root = ok(emulator, [("Action", "ListDeadLetterSourceQueues"), ("QueueUrl", url)])
    assert q(root, "ListDeadLetterSourceQueuesResult") is not None


def test_query_queue_addressed_by_path(emulator):
    url = create_queue(sqs_client(emulator), "by-path")
    path = f"/{ACCOUNT}/by-path"
    root = ok(emulator, [("Action", "SendMessage"), ("MessageBody", "via path")], path=path)
    assert qtext(root, "SendMessageResult/MD5OfMessageBody") == md5_hex("via path")
    root = ok(emulator, [("Action", "GetQueueAttributes"), ("AttributeName.1", "ApproximateNumberOfMessages"),
                         ("AttributeName.2", "QueueArn")], path=path)
    attrs = {qtext(a, "Name"): qtext(a, "Value") for a in qall(root, "GetQueueAttributesResult/Attribute")}
    assert attrs == {"ApproximateNumberOfMessages": "1",
                     "QueueArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:by-path"}
    [m] = parse_messages(ok(emulator, [("Action", "ReceiveMessage"), ("WaitTimeSeconds", "1")], path=path))
    assert m["Body"] == "via path"
    assert sqs_client(emulator).receive_message(QueueUrl=url).get("Messages", []) == []
    status, fault, code, _ = query_error(emulator, [("Action", "SendMessage"), ("MessageBody", "x")],
                                         path=f"/{ACCOUNT}/no-such-queue")
    assert (status, fault, code) == (400, "Sender", NON_EXISTENT)


def test_query_errors(emulator):
    status, fault, code, message = query_error(emulator, [("Action", "GetQueueUrl"), ("QueueName", "nope")])
    assert (status, fault, code) == (400, "Sender", NON_EXISTENT)
    assert "does not exist" in message
    create_queue(sqs_client(emulator), "taken", VisibilityTimeout=10)
    assert query_error(emulator, [("Action", "CreateQueue"), ("QueueName", "taken"),
                                  ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "20")]
                       )[:3] == (400, "Sender", "QueueAlreadyExists")
    assert query_error(emulator, [("Action", "CreateQueue"), ("QueueName", "x"),
                                  ("Attribute.1.Name", "Bogus"), ("Attribute.1.Value", "1")]
                       )[2] == "InvalidAttributeName"
    assert query_error(emulator, [("Action", "CreateQueue")])[:3] == (400, "Sender", "MissingParameter")
    assert query_error(emulator, [("Action", "CreateQueue"), ("QueueName", "bad name")])[2] == \
        "InvalidParameterValue"
    assert query_error(emulator, [("Action", "SendMessageBatch"), ("QueueUrl", queue_url(emulator, "taken"))]
                       )[2] == "AWS.SimpleQueueService.EmptyBatchRequest"
    assert query_error(emulator, [("Action", "LaunchRockets")])[:3] == (400, "Sender", "InvalidAction")


def test_query_batches(emulator):
    url = create_queue(sqs_client(emulator), "xml-batch")
    params = [("Action", "SendMessageBatch"), ("QueueUrl", url)]
    for i in range(1, 4):
        params += [(f"SendMessageBatchRequestEntry.{i}.Id", f"e{i}"),
                   (f"SendMessageBatchRequestEntry.{i}.MessageBody", f"body {i}")]
    params += [("SendMessageBatchRequestEntry.2.MessageAttribute.1.Name", "k"),
               ("SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType", "String"),
               ("SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue", "v")]
    root = ok(emulator, params)
    entries = {qtext(e, "Id"): e for e in qall(root, "SendMessageBatchResult/SendMessageBatchResultEntry")}
    assert set(entries) == {"e1", "e2", "e3"}
    for i in range(1, 4):
        assert qtext(entries[f"e{i}"], "MD5OfMessageBody") == md5_hex(f"body {i}")
        assert qtext(entries[f"e{i}"], "MessageId")
    assert qtext(entries["e2"], "MD5OfMessageAttributes") == md5_of_attributes(
        {"k": {"DataType": "String", "StringValue": "v"}})
    assert qall(root, "SendMessageBatchResult/BatchResultErrorEntry") == []

    received = []
    for _ in range(5):
        received += parse_messages(ok(emulator, [("Action", "ReceiveMessage"), ("QueueUrl", url),
                                                 ("MaxNumberOfMessages", "10"), ("WaitTimeSeconds", "1")]))
        if len(received) == 3:
            break
    assert sorted(m["Body"] for m in received) == ["body 1", "body 2", "body 3"]
    params = [("Action", "DeleteMessageBatch"), ("QueueUrl", url),
              ("DeleteMessageBatchRequestEntry.1.Id", "good"),
              ("DeleteMessageBatchRequestEntry.1.ReceiptHandle", received[0]["ReceiptHandle"]),
              ("DeleteMessageBatchRequestEntry.2.Id", "bad"),
              ("DeleteMessageBatchRequestEntry.2.ReceiptHandle", "garbage")]
    root = ok(emulator, params)
    assert [qtext(e, "Id") for e in qall(root, "DeleteMessageBatchResult/DeleteMessageBatchResultEntry")] == ["good"]
    [failed] = qall(root, "DeleteMessageBatchResult/BatchResultErrorEntry")
    assert (qtext(failed, "Id"), qtext(failed, "Code"), qtext(failed, "SenderFault")) == \
        ("bad", "ReceiptHandleIsInvalid", "true")


def test_query_list_attributes_and_tags(emulator):
    sqs = sqs_client(emulator)
    for name in ["alpha-1", "alpha-2", "beta"]:
        create_queue(sqs, name)
    root = ok(emulator, [("Action", "ListQueues"), ("QueueNamePrefix", "alpha")])
    assert sorted(e.text for e in qall(root, "ListQueuesResult/QueueUrl")) == \
        [queue_url(emulator, "alpha-1"), queue_url(emulator, "alpha-2")]
    root = ok(emulator, [("Action", "ListQueues"), ("MaxResults", "2")])
    assert len(qall(root, "ListQueuesResult/QueueUrl")) == 2 and qtext(root, "ListQueuesResult/NextToken")

    url = queue_url(emulator, "beta")
    root = ok(emulator, [("Action", "GetQueueAttributes"), ("QueueUrl", url), ("AttributeName.1", "All")])
    attrs = {qtext(a, "Name"): qtext(a, "Value") for a in qall(root, "GetQueueAttributesResult/Attribute")}
    assert attrs["QueueArn"] == f"arn:aws:sqs:us-east-1:{ACCOUNT}:beta"
    assert attrs["VisibilityTimeout"] == "30" and attrs["ApproximateNumberOfMessages"] == "0"
    ok(emulator, [("Action", "SetQueueAttributes"), ("QueueUrl", url),
                  ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "99")])
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])[
        "Attributes"] == {"VisibilityTimeout": "99"}

    ok(emulator, [("Action", "TagQueue"), ("QueueUrl", url), ("Tag.1.Key", "team"), ("Tag.1.Value", "core"),
                  ("Tag.2.Key", "tier"), ("Tag.2.Value", "gold")])
    root = ok(emulator, [("Action", "ListQueueTags"), ("QueueUrl", url)])
    tags = {qtext(t, "Key"): qtext(t, "Value") for t in qall(root, "ListQueueTagsResult/Tag")}
    assert tags == {"team": "core", "tier": "gold"}
    ok(emulator, [("Action", "UntagQueue"), ("QueueUrl", url), ("TagKey.1", "tier")])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "core"}


def test_json_protocol_error_shape(emulator):
    status, headers, body = json_call(emulator, "GetQueueUrl", {"QueueName": "missing"})
    assert status == 400
    assert headers["content-type"].startswith("application/x-amz-json-1.0")
    assert body["__type"] == "com.amazonaws.sqs#QueueDoesNotExist"
    assert body["message"]
    assert headers["x-amzn-query-error"] == f"{NON_EXISTENT};Sender"
    assert headers["x-amzn-requestid"]
    status, headers, body = json_call(emulator, "CreateQueue", {"QueueName": "q",
                                                                "Attributes": {"Bogus": "1"}})
    assert status == 400 and body["__type"] == "com.amazonaws.sqs#InvalidAttributeName"
    assert headers["x-amzn-query-error"] == "InvalidAttributeName;Sender"
    status, _, body = json_call(emulator, "CreateQueue", {"QueueName": "ok"})
    assert status == 200 and body == {"QueueUrl": queue_url(emulator, "ok")}


def test_malformed_json_keeps_the_server_serving(emulator):
    for raw in [b"{", b"[1,2]", b"\xff\xfe\x00", b'{"QueueName": 5}', b"null"]:
        status, _, body = json_call(emulator, "CreateQueue", None, raw_body=raw)
        assert status == 400, raw
        assert body is not None and "__type" in body, raw
    status, _, body = json_call(emulator, "LaunchRockets", {})
    assert status == 400 and "__type" in body
    status, _, body = json_call(emulator, "CreateQueue", {"QueueName": "still-here"})
    assert status == 200 and body["QueueUrl"] == queue_url(emulator, "still-here")
    assert sqs_client(emulator).list_queues()["QueueUrls"] == [queue_url(emulator, "still-here")]


def test_boto3_over_the_query_protocol(emulator):
    if installed_protocol() != "query":
        pytest.skip("this botocore speaks the JSON protocol for SQS")
    sqs = emulator.client("sqs")
    assert sqs.meta.service_model.protocol == "query"
    url = sqs.create_queue(QueueName="boto-query", Attributes={"VisibilityTimeout": "5"},
                           tags={"k": "v"})["QueueUrl"]
    assert url == queue_url(emulator, "boto-query")
    attrs = {"s": {"DataType": "String", "StringValue": "ß"},
             "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}}
    sent = sqs.send_message(QueueUrl=url, MessageBody="via query", MessageAttributes=attrs)
    assert sent["MD5OfMessageAttributes"] == md5_of_attributes(attrs)
    [m] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MessageAttributeNames=["All"],
                              AttributeNames=["All"])["Messages"]
    assert m["MessageAttributes"] == attrs and m["MD5OfBody"] == md5_hex("via query")
    assert m["Attributes"]["ApproximateReceiveCount"] == "1"
    out = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "1"},
                                                        {"Id": "b", "MessageBody": "2"}])
    assert sorted(e["Id"] for e in out["Successful"]) == ["a", "b"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"][
        "ApproximateNumberOfMessagesNotVisible"] == "1"
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"k": "v"}
    assert sqs.list_queues()["QueueUrls"] == [url]
    # Empty answers parse too.
    empty = sqs.create_queue(QueueName="boto-query-empty")["QueueUrl"]
    assert sqs.receive_message(QueueUrl=empty).get("Messages", []) == []
    assert sqs.list_queue_tags(QueueUrl=empty).get("Tags", {}) == {}
    sqs.delete_queue(QueueUrl=empty)
    with pytest.raises(botocore.exceptions.ClientError) as err:
        sqs.get_queue_url(QueueName="nope")
    assert err.value.response["Error"]["Code"] == NON_EXISTENT
    with pytest.raises(botocore.exceptions.ClientError) as err:
        sqs.create_queue(QueueName="boto-query", Attributes={"VisibilityTimeout": "6"})
    assert err.value.response["Error"]["Code"] == "QueueAlreadyExists"
    sqs.delete_queue(QueueUrl=url)
    assert sqs.list_queues().get("QueueUrls", []) == []
