# Runs one Python sample exactly as the docs print it (read from stdin) with Elastic's Python client, and writes
# what it printed, or the error answer it got, to stdout as JSON. The sample uses a `client` made beforehand,
# as on Elastic's docs pages: it is made here, from ELASTICSEARCH_URL and ELASTIC_API_KEY.
import json
import os
import sys

import elasticsearch
from elasticsearch import Elasticsearch

client = Elasticsearch(
    hosts=[os.environ["ELASTICSEARCH_URL"]],
    api_key=os.environ["ELASTIC_API_KEY"],
)
printed = []


def capture(*values):
    # The 9.x client answers an ObjectApiResponse (its `.body` is the JSON), the 7.17 client a dict.
    printed.extend(getattr(value, "body", value) for value in values)


source = sys.stdin.read()
try:
    exec(compile(source, "sample.py", "exec"), {"client": client, "print": capture})
    result = {"ok": True, "printed": printed}
except elasticsearch.TransportError as error:
    # 7.17: status_code and info; 9.x ApiError: meta.status and body.
    status = getattr(error, "status_code", None)
    if not isinstance(status, int):
        status = error.meta.status
    body = getattr(error, "info", None) if hasattr(error, "info") else error.body
    result = {"ok": False, "status": status, "body": body}
except TypeError as error:
    # A call form this client version does not take: reported, so the test can name the exact difference.
    result = {"ok": False, "error": "TypeError: " + str(error)}
sys.stdout.write(json.dumps(result))
