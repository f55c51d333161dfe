# Runs Python samples exactly as the docs print them with Elastic's Python client, one after another in this one
# process (importing the client once instead of once per sample). Each line on stdin is a request,
#   {"source": "<the sample>", "env": {"ELASTICSEARCH_URL": ..., "ELASTIC_API_KEY": ...}}
# and each answer is one line on stdout: what the sample printed, or the error answer it got, or (`fatal`) an error
# that is not an answer, with its traceback. The sample uses a `client` made beforehand, as on Elastic's docs pages:
# a fresh one is made here for each sample, from the request's ELASTICSEARCH_URL and ELASTIC_API_KEY, and closed
# after it. The process ends when stdin ends.
import json
import sys
import traceback

import elasticsearch
from elasticsearch import Elasticsearch


def run(request):
    env = request["env"]
    client = Elasticsearch(hosts=[env["ELASTICSEARCH_URL"]], api_key=env["ELASTIC_API_KEY"])
    printed = []

    def capture(*values):
        # The 9.x client answers an ObjectApiResponse (its `.body` is the JSON), the 7.17 client a dict.
        printed.extend(getattr(value, "body", value) for value in values)

    try:
        exec(compile(request["source"], "sample.py", "exec"), {"client": client, "print": capture})
        return {"ok": True, "printed": printed}
    except elasticsearch.TransportError as error:
        # 7.17: status_code and info; 9.x ApiError: meta.status and body.
        status = getattr(error, "status_code", None)
        if not isinstance(status, int):
            status = error.meta.status
        body = getattr(error, "info", None) if hasattr(error, "info") else error.body
        return {"ok": False, "status": status, "body": body}
    except TypeError as error:
        # A call form this client version does not take: reported, so the test can name the exact difference.
        return {"ok": False, "error": "TypeError: " + str(error)}
    except Exception:
        return {"fatal": traceback.format_exc()}
    finally:
        client.close()


for line in sys.stdin:
    if line.strip():
        sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")
        sys.stdout.flush()
