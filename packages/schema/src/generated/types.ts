// This file is generated from spec/openapi.yaml by packages/schema/scripts/generate.mjs.
// Do not edit it by hand: change the spec and run `pnpm generate`.
export interface paths {
    "/_ml/anomaly_detectors/{job_id}/_close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close anomaly detection jobs
         * @description Closes every job that the `job_id` expression matches. A normal close stops the job's started datafeed,
         *     flushes buffers, computes final results, persists the model state and waits, bounded by `timeout`,
         *     until the job is closed (`opened` → `closing` → `closed`). A force close only removes the job's
         *     persistent task and does not wait. A job that is already closed is a no-op. A `failed` job can only be
         *     closed with `force=true`.
         *
         *     **Query mode or body mode, never both.** The options `allow_no_match`, `force` and `timeout` can be sent
         *     in the query string or in a JSON body. A request with a non-empty body reads only the body, so a body
         *     together with any of these query parameters is rejected with 400
         *     `contains unrecognized parameter`. Elastic's docs describe the body as an alternative but do not warn
         *     about the combination.
         *
         *     The call is all-or-nothing: if any required token of the expression matches nothing, the 404 lists the
         *     unmatched tokens and no job is closed. The response is always `{"closed": true}` on success; failures
         *     are HTTP errors, never `closed: false`.
         *
         *     Required authorization: the cluster privilege `manage_ml` (or `manage`, or `all`).
         */
        post: operations["ml-close-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get cluster info
         * @description Basic information about the cluster: name, UUID and version. The mlclose reference server adds the header `X-mlclose-test-control` when its test-control operations are enabled.
         */
        get: operations["info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get anomaly detection jobs
         * @description Gets the configuration of the jobs that an expression matches (ids, groups, wildcards, `_all`).
         */
        get: operations["ml-get-jobs"];
        /**
         * Create an anomaly detection job
         * @description Creates a job. The job id must be lowercase alphanumerics, `-`, `_` or `.`, start and end with an alphanumeric, and be at most 64 characters. New jobs are `closed`. The answer is the job as Elasticsearch normalises it: `model_memory_limit` in MiB (a number is MiB: `2048` is `"2048mb"`; `"3000g"` is `"3072000mb"`), function shortcuts expanded (`nzc` is `non_zero_count`), the standard categorization analyzer when the job categorizes without one, and rules with their default `actions` and `filter_type`. A `datafeed_config` creates the job's datafeed too (its id defaults to the job id), and the answer includes it. An invalid job is a 400: an `illegal_argument_exception` for what Job.Builder checks (time field in the analysis, inconsistent snapshot retention, duplicate detectors, fields not allowed at creation such as `model_snapshot_id`, invalid group ids), an `x_content_parse_exception` caused by the `status_exception` of AnalysisConfig or AnalysisLimits (`model_prune_window`, categorization settings, a too small `model_memory_limit`), or a `status_exception` when `model_memory_limit` exceeds `xpack.ml.max_model_memory_limit`.
         */
        put: operations["ml-put-job"];
        post?: never;
        /**
         * Delete an anomaly detection job
         * @description Deletes a closed job. An open job needs `force=true`, which closes it first.
         */
        delete: operations["ml-delete-job"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}/_open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open an anomaly detection job
         * @description Opens a closed job and waits until it is `opened`. Opening an opened job succeeds again. A `failed` job must be force-closed before it can be opened. Opening clears the job's `finished_time`. A job whose `model_memory_limit` does not fit on any ML node (the reference server's node has the memory given by `--ml-node-memory`) is refused with 429, unless the job sets `allow_lazy_open`: then it stays `opening`, waiting for a node, and the answer names no node (`"node": ""`).
         */
        post: operations["ml-open-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get machine learning info
         * @description Machine learning defaults and limits. `limits` shows what the ML node's memory allows: `effective_max_model_memory_limit` (the largest `model_memory_limit` a job can open with), `total_ml_memory`, and `max_model_memory_limit` when the `xpack.ml.max_model_memory_limit` setting is set. The reference server's ML node has the memory given by `--ml-node-memory` (default 8gb), 30% of it for ML.
         */
        get: operations["ml-info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}/_stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get anomaly detection job statistics
         * @description The state of each matching job. `node` and `open_time` are present only while the job has a task (`opening`, `opened`, `closing`, `failed`).
         */
        get: operations["ml-get-job-stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/datafeeds/{datafeed_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get datafeeds
         * @description The configurations of the datafeeds an expression matches (ids, `*` patterns, `_all`), sorted by id. Also served at `/_ml/datafeeds` for every datafeed.
         */
        get: operations["ml-get-datafeeds"];
        /**
         * Create a datafeed
         * @description Creates a datafeed for an existing job. A job has at most one datafeed.
         */
        put: operations["ml-put-datafeed"];
        post?: never;
        /**
         * Delete a datafeed
         * @description Deletes a stopped datafeed. A started one needs `force=true`.
         */
        delete: operations["ml-delete-datafeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/datafeeds/{datafeed_id}/_start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a datafeed
         * @description Starts a datafeed. Its job must be `opened`.
         */
        post: operations["ml-start-datafeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/datafeeds/{datafeed_id}/_stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop datafeeds
         * @description Stops the datafeeds that an expression matches.
         */
        post: operations["ml-stop-datafeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/datafeeds/{datafeed_id}/_stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get datafeed statistics
         * @description The state of each matching datafeed (`started`, `stopped`, `starting`, `stopping`).
         */
        get: operations["ml-get-datafeed-stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create an index
         * @description Creates an index for a datafeed to read from.
         */
        put: operations["indices-create"];
        post?: never;
        /**
         * Delete an index
         * @description Deletes an index.
         */
        delete: operations["indices-delete"];
        options?: never;
        /**
         * Check that indices exist
         * @description 200 when every name, alias and `*` pattern resolves, 404 otherwise; never with a body (Content-Length 0), so the official client's `indices.exists()` answers true or false.
         */
        head: operations["indices-exists"];
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}/_data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send data to an anomaly detection job
         * @description Counts the records of the body for an `opened` job, as Elasticsearch's DataCountsReporter does, and never models them. The body is newline-delimited JSON objects, concatenated objects, or arrays of objects. Nested objects are flattened with `.`. Records whose time field cannot be parsed count as invalid dates, and records older than the latest record's bucket (less the latency) as out of order. A record with missing analysis fields still counts as processed. The answer holds the counts of this upload. The running totals show in job stats `data_counts`, and are kept as the document `<job_id>_data_counts` in the job's results index (`.ml-anomalies-<job_id>`). The route is deprecated, so every answer carries a `Warning` header.
         */
        post: operations["ml-post-data"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}/_flush": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force buffered data to be processed
         * @description Flushes an `opened` job. `last_finalized_bucket_end` is the end of the last bucket the process has finalized: the start of the latest record's bucket, the bucket boundary after `skip_time`, or the last boundary before `advance_time`, whichever is latest. It is absent while nothing was finalized. The parameters go in the query or, all of them, in a JSON body.
         */
        post: operations["ml-flush-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/anomaly_detectors/{job_id}/_update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update an anomaly detection job
         * @description Changes the updatable settings of a job and answers the job. `analysis_limits` can change only while the job is closed. Group names share the namespace of job ids.
         */
        post: operations["ml-update-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_ml/datafeeds/{datafeed_id}/_update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update a datafeed
         * @description Changes a stopped datafeed and answers it. `indices` (or `indexes`) may be one string.
         */
        post: operations["ml-update-datafeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_cluster/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the cluster health
         * @description One node: an index with replicas leaves them unassigned, so the cluster is `yellow`; the ML indices have none. A `wait_for_status` better than the current status cannot be reached on one node, so it answers 408 with `timed_out: true` at once. Also served at `/_cluster/health/{index}`. With `level=indices` or `level=shards` the answer lists every index (hidden ones included) under `indices`.
         */
        get: operations["cluster-health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_cluster/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Update cluster settings
         * @description Sets `persistent` and `transient` settings (null resets one) and answers the changed ones, nested unless `flat_settings`. Only the settings the server knows are accepted; `cluster.persistent_tasks.allocation.enable` is `all` or `none`.
         */
        put: operations["cluster-put-settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{index}/_doc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Index a document with a generated id
         * @description Stores the document in the index (created if missing), or in the write index of an alias.
         */
        post: operations["index-auto-id"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{index}/_doc/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a document
         * @description Reads a document through its index or an alias of one index (realtime: no refresh needed). A missing document is a 404 with `found: false`; a missing index is a 404 index_not_found_exception.
         */
        get: operations["get"];
        /**
         * Index a document
         * @description Creates or replaces the document: 201 `created`, or 200 `updated` with the next version. Also served with POST, and at `/{index}/_create/{id}`, which refuses to replace (409 version_conflict_engine_exception).
         */
        put: operations["index"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{index}/_count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count documents
         * @description Counts the documents of the indices, aliases and `*` patterns that match a query (`match_all`, `term`, `terms`, `ids`, `exists`, `constant_score`, `bool`); alias filters apply. Writes are visible at once. Also served with GET, and at `/_count` for every index.
         */
        post: operations["count"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh indices
         * @description Writes are visible at once, so a refresh only reports the shards. Also served with GET and at `/{index}/_refresh`.
         */
        post: operations["indices-refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{index}/_alias/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Check that an alias exists
         * @description 200 when an alias of the indices matches the name (or `*` pattern), 404 otherwise, never with a body. Also at `/_alias/{name}` for every index.
         */
        head: operations["indices-exists-alias"];
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Discover test control
         * @description Answers 200 with the capabilities when test control is enabled. When it is not, the path is unknown and the answer is the 400 `no handler found for uri` that Elasticsearch gives for any unknown path.
         */
        get: operations["test-control-info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/_reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset all state
         * @description Deletes every job, datafeed and index, and clears every test-control setting.
         */
        post: operations["test-control-reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/_delete_by_prefix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete everything under an id prefix
         * @description Deletes, in one request, every datafeed, job and index whose id (or name) starts with `prefix`, as forced deletes would (`DELETE /_ml/datafeeds/{datafeed_id}?force=true`, then `DELETE /_ml/anomaly_detectors/{job_id}?force=true`, then `DELETE /{index}`), whatever their state, and clears their test-control settings. A job's datafeed goes with the job, whatever its id. The prefix is literal: `*` and `?` match only themselves. Nothing else is touched. The answer lists what was deleted, each list sorted. A test suite tidies up after each test this way instead of deleting one job per request.
         */
        post: operations["test-control-delete-by-prefix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/upgrade_mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Switch ML upgrade mode
         * @description While upgrade mode is on, close answers 429 `status_exception`.
         */
        put: operations["test-control-upgrade-mode"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/anomaly_detectors/{job_id}/_fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a job into the failed state
         * @description Moves an opened (or opening) job to `failed`, as if its process had crashed. The job keeps its task, so job stats still show a `node`.
         */
        post: operations["test-control-fail-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/anomaly_detectors/{job_id}/_behaviour": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how a job behaves when it is closed
         * @description `close_delay` makes the node take that long to close the job (so `timeout` can expire); `close_failure` makes the node fail to close the process (500 `Exception closing autodetect process`, and the job becomes `failed`). `hold_close` and `hold_open` keep the job `closing` or `opening` until the job is released (`POST /_mlclose/test/anomaly_detectors/{job_id}/_release`), so a test can read the transient state without racing a timer. Omitted fields keep their value.
         */
        put: operations["test-control-job-behaviour"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/anomaly_detectors/{job_id}/_release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a held transition
         * @description Clears the job's `hold_close` and `hold_open`. If one of them is holding the job `closing` or `opening`, that transition finishes before the answer: a held close ends as its behaviour says (the job is `closed`, or `failed` with `close_failure`) and answers the close requests waiting for it; a held open makes the job `opened`. A job that holds nothing is left as it is.
         */
        post: operations["test-control-release-job"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/_mlclose/test/datafeeds/{datafeed_id}/_behaviour": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Make a datafeed refuse to stop
         * @description With `refuse_stop`, stopping the datafeed fails with a 409 `status_exception` whose reason is `stop_failure_reason` (or a default), so closing its job answers the datafeed-wrapper 409.
         */
        put: operations["test-control-datafeed-behaviour"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * JobId
         * @description A job id as create-job accepts it: lowercase alphanumerics, `-`, `_` and `.`, starting and ending with an alphanumeric, at most 64 characters.
         * @example low_request_rate
         */
        JobId: string;
        /**
         * JobIdExpression
         * @description A close-job expression: ids, group names and `*` wildcards separated by commas, or `_all`, `*` or blank for every job. Any string is accepted; tokens that match nothing give a 404.
         * @example low_request_rate
         * @example low_*,web
         * @example _all
         */
        JobIdExpression: string;
        /**
         * Duration
         * @description A time value exactly as Elasticsearch's `TimeValue.parseTimeValue` accepts it: a whole number and a unit
         *     (`nanos`, `micros`, `ms`, `s`, `m`, `h`, `d`), or a bare `-1` or `0`. Units are case-insensitive except
         *     `m`, because `M` would mean months. Whitespace may surround the value and separate number and unit, except
         *     after `m`. The number may have leading zeros and a `+`; it must fit in a signed 64-bit integer. The only
         *     negative value is `-1` (with or without a unit). Fractions (`1.5s`), bare numbers (`30`), `30M` and
         *     units like `w` or `y` are rejected.
         *
         *     Unlike Elastic's schema, whose overlapping `oneOf` branches make strict validators reject `"0"` and `"-1"`,
         *     this is one pattern. Not modelled: Java also accepts any Unicode decimal digit in the number (`٣s`, with an
         *     Arabic-Indic three, is 3 seconds).
         * @example 30m
         * @example 5s
         * @example 500ms
         * @example -1
         * @example 0
         * @example 1h
         */
        Duration: string;
        /**
         * BodyBoolean
         * @description A JSON boolean, or a string: `"true"`, `"false"`, or empty or whitespace-only (which means `false`). Any other string, a number or `null` is a 400.
         */
        BodyBoolean: boolean | string;
        /**
         * CloseJobResponse
         * @description Always `{"closed": true}`. Elasticsearch never answers `false`: every failure is an HTTP error.
         */
        CloseJobResponse: {
            /** @description Always `true`. */
            closed: boolean;
        };
        /**
         * ErrorCause
         * @description One exception in Elasticsearch's error envelope. `type` is the exception's simple class name in snake_case without a leading `Elasticsearch`. Other keys carry exception metadata.
         */
        ErrorCause: {
            /** @description The exception type, for example `resource_not_found_exception`. */
            type: string;
            /** @description The message. May be null (for example `master_not_discovered_exception`). */
            reason: string | null;
            /** @description The innermost Elasticsearch exceptions. Present only at the top level. */
            root_cause?: components["schemas"]["ErrorCause"][];
            caused_by?: components["schemas"]["ErrorCause"];
            suppressed?: components["schemas"]["ErrorCause"][];
            /** @description Headers carried by the exception, such as `WWW-Authenticate` on a 401. */
            header?: {
                [key: string]: string | string[];
            };
            /** @description Present only with `error_trace=true`. */
            stack_trace?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * DetailedError
         * @description The top-level exception of a detailed error envelope; it always has `root_cause`.
         */
        DetailedError: components["schemas"]["ErrorCause"] & {
            root_cause: components["schemas"]["RootCause"][];
        };
        /**
         * RootCause
         * @description A root-cause entry. It never carries `caused_by`.
         */
        RootCause: components["schemas"]["ErrorCause"] & {
            caused_by?: never;
            root_cause?: never;
        };
        /**
         * DetailedErrorResponse
         * @description The detailed error envelope, used for exceptions.
         */
        DetailedErrorResponse: {
            error: components["schemas"]["DetailedError"];
            status: number;
        };
        /**
         * SimpleErrorResponse
         * @description The simple error envelope, used by controller-level answers: 405, 406, an unparsable `error_trace`, and the unknown-path 400 (which has no `status`).
         */
        SimpleErrorResponse: {
            error: string;
            status?: number;
        };
        /**
         * ErrorResponse
         * @description Either error envelope.
         */
        ErrorResponse: components["schemas"]["DetailedErrorResponse"] | components["schemas"]["SimpleErrorResponse"];
        /**
         * JobState
         * @description The state of a job's persistent task: no task is `closed`, a task without state is `opening`.
         * @enum {string}
         */
        JobState: "closing" | "closed" | "opened" | "failed" | "opening";
        /**
         * DatafeedState
         * @enum {string}
         */
        DatafeedState: "started" | "stopped" | "starting" | "stopping";
        /** AcknowledgedResponse */
        AcknowledgedResponse: {
            acknowledged: boolean;
        };
        /** ClusterInfo */
        ClusterInfo: {
            name: string;
            cluster_name: string;
            cluster_uuid: string;
            version: {
                number: string;
                build_flavor: string;
                build_type?: string;
                build_hash?: string;
                build_date?: string;
                build_snapshot?: boolean;
                lucene_version?: string;
                minimum_wire_compatibility_version?: string;
                minimum_index_compatibility_version?: string;
            };
            tagline: string;
        };
        /** Detector */
        Detector: {
            /** @description The analysis function, for example `count`, `low_count`, `mean`. */
            function: string;
            field_name?: string;
            by_field_name?: string;
            over_field_name?: string;
            partition_field_name?: string;
            detector_description?: string;
            detector_index?: number;
        } & {
            [key: string]: unknown;
        };
        /** AnalysisConfig */
        AnalysisConfig: {
            bucket_span?: components["schemas"]["Duration"];
            detectors: components["schemas"]["Detector"][];
            influencers?: string[];
        } & {
            [key: string]: unknown;
        };
        /** DataDescription */
        DataDescription: {
            time_field?: string;
            time_format?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * JobConfigInput
         * @description The body of create-job. Only the fields close-job testing needs are listed; others are allowed.
         */
        JobConfigInput: {
            job_id?: components["schemas"]["JobId"];
            description?: string;
            groups?: components["schemas"]["JobId"][];
            analysis_config: components["schemas"]["AnalysisConfig"];
            data_description: components["schemas"]["DataDescription"];
            analysis_limits?: {
                [key: string]: unknown;
            };
            allow_lazy_open?: boolean;
            results_index_name?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Job
         * @description A job's configuration as Elasticsearch returns it.
         */
        Job: components["schemas"]["JobConfigInput"] & {
            /** @constant */
            job_type: "anomaly_detector";
            job_version?: string;
            create_time: number;
            /** @description When the job last closed normally (epoch milliseconds); absent while it is open. */
            finished_time?: number;
            /** @description The job's datafeed, if it has one (get-job and put-job answers). */
            datafeed_config?: {
                [key: string]: unknown;
            };
            blocked?: {
                /** @enum {string} */
                reason?: "delete" | "reset" | "revert";
            };
        };
        /** GetJobsResponse */
        GetJobsResponse: {
            count: number;
            jobs: components["schemas"]["Job"][];
        };
        /** MlInfoResponse */
        MlInfoResponse: {
            defaults: {
                [key: string]: unknown;
            };
            upgrade_mode: boolean;
            native_code?: {
                [key: string]: unknown;
            };
            limits: {
                max_model_memory_limit?: string;
                effective_max_model_memory_limit?: string;
                total_ml_memory?: string;
                max_single_ml_node_processors?: number;
                total_ml_processors?: number;
            };
        };
        /** OpenJobResponse */
        OpenJobResponse: {
            opened: boolean;
            /** @description The id of the node the job was assigned to; empty for a lazily opened job. */
            node?: string;
        };
        /** DiscoveryNode */
        DiscoveryNode: {
            id: string;
            name: string;
            ephemeral_id?: string;
            transport_address?: string;
            attributes?: {
                [key: string]: string;
            };
        } & {
            [key: string]: unknown;
        };
        /** JobStats */
        JobStats: {
            job_id: string;
            state: components["schemas"]["JobState"];
            node?: components["schemas"]["DiscoveryNode"];
            /** @description How long the job has been open, for example `12s`. Only while it has a task. */
            open_time?: string;
            assignment_explanation?: string;
            data_counts?: components["schemas"]["DataCounts"];
            model_size_stats?: {
                [key: string]: unknown;
            };
            forecasts_stats?: {
                [key: string]: unknown;
            };
            timing_stats?: {
                [key: string]: unknown;
            };
            deleting?: boolean;
        } & {
            [key: string]: unknown;
        };
        /** JobStatsResponse */
        JobStatsResponse: {
            count: number;
            jobs: components["schemas"]["JobStats"][];
        };
        /** DatafeedConfigInput */
        DatafeedConfigInput: {
            job_id: components["schemas"]["JobId"];
            indices: string[];
            query?: {
                [key: string]: unknown;
            };
            query_delay?: components["schemas"]["Duration"];
            frequency?: components["schemas"]["Duration"];
            scroll_size?: number;
        } & {
            [key: string]: unknown;
        };
        /** Datafeed */
        Datafeed: components["schemas"]["DatafeedConfigInput"] & {
            datafeed_id: string;
        };
        /** StartDatafeedResponse */
        StartDatafeedResponse: {
            started: boolean;
            node?: string;
        };
        /** StopDatafeedResponse */
        StopDatafeedResponse: {
            stopped: boolean;
        };
        /** DatafeedStats */
        DatafeedStats: {
            datafeed_id: string;
            state: components["schemas"]["DatafeedState"];
            node?: components["schemas"]["DiscoveryNode"];
            assignment_explanation?: string;
            timing_stats?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** DatafeedStatsResponse */
        DatafeedStatsResponse: {
            count: number;
            datafeeds: components["schemas"]["DatafeedStats"][];
        };
        /** CreateIndexRequest */
        CreateIndexRequest: {
            settings?: {
                [key: string]: unknown;
            };
            mappings?: {
                [key: string]: unknown;
            };
            aliases?: {
                [key: string]: unknown;
            };
        };
        /** CreateIndexResponse */
        CreateIndexResponse: {
            acknowledged: boolean;
            shards_acknowledged: boolean;
            index: string;
        };
        /**
         * DataCounts
         * @description What a job's input counted (DataCounts). Timestamps are epoch milliseconds and appear once set. `input_record_count` is processed + invalid dates + out of order.
         */
        DataCounts: {
            job_id: string;
            processed_record_count: number;
            processed_field_count: number;
            input_bytes: number;
            input_field_count: number;
            invalid_date_count: number;
            missing_field_count: number;
            out_of_order_timestamp_count: number;
            empty_bucket_count: number;
            sparse_bucket_count: number;
            bucket_count: number;
            earliest_record_timestamp?: number;
            latest_record_timestamp?: number;
            last_data_time?: number;
            latest_empty_bucket_timestamp?: number;
            latest_sparse_bucket_timestamp?: number;
            input_record_count: number;
            log_time?: number;
        };
        /** FlushJobRequest */
        FlushJobRequest: {
            job_id?: string;
            calc_interim?: components["schemas"]["BodyBoolean"];
            start?: string;
            end?: string;
            advance_time?: string;
            skip_time?: string;
        };
        /** FlushJobResponse */
        FlushJobResponse: {
            flushed: boolean;
            /** @description Epoch milliseconds; absent while no bucket is finalized. */
            last_finalized_bucket_end?: number;
        };
        /** JobUpdateInput */
        JobUpdateInput: {
            job_id?: string;
            groups?: string[];
            description?: string;
            detectors?: {
                detector_index: number;
                description?: string;
                custom_rules?: Record<string, never>[];
            }[];
            model_plot_config?: Record<string, never>;
            analysis_limits?: {
                model_memory_limit?: string | number;
            };
            renormalization_window_days?: number;
            background_persist_interval?: components["schemas"]["Duration"];
            results_retention_days?: number;
            model_snapshot_retention_days?: number;
            daily_model_snapshot_retention_after_days?: number;
            categorization_filters?: string[];
            custom_settings?: Record<string, never>;
            allow_lazy_open?: boolean;
            model_prune_window?: components["schemas"]["Duration"];
            per_partition_categorization?: Record<string, never>;
        };
        /** DatafeedUpdateInput */
        DatafeedUpdateInput: {
            datafeed_id?: string;
            job_id?: string;
            indices?: string | string[];
            indexes?: string | string[];
            query_delay?: components["schemas"]["Duration"];
            frequency?: components["schemas"]["Duration"];
            query?: Record<string, never>;
            aggregations?: Record<string, never>;
            aggs?: Record<string, never>;
            script_fields?: Record<string, never>;
            scroll_size?: number;
            chunking_config?: Record<string, never>;
            delayed_data_check_config?: Record<string, never>;
            max_empty_searches?: number;
            indices_options?: Record<string, never>;
            runtime_mappings?: Record<string, never>;
        };
        /** GetDatafeedsResponse */
        GetDatafeedsResponse: {
            count: number;
            datafeeds: components["schemas"]["Datafeed"][];
        };
        /** ClusterHealthResponse */
        ClusterHealthResponse: {
            cluster_name: string;
            /** @enum {string} */
            status: "green" | "yellow" | "red";
            timed_out: boolean;
            number_of_nodes: number;
            number_of_data_nodes?: number;
            active_primary_shards?: number;
            active_shards?: number;
            unassigned_shards?: number;
            active_shards_percent_as_number?: number;
            /** @description With `level=indices` or `level=shards`, each index's health by name. */
            indices?: {
                [key: string]: components["schemas"]["IndexHealth"];
            };
        } & {
            [key: string]: unknown;
        };
        /** IndexHealth */
        IndexHealth: {
            /** @enum {string} */
            status: "green" | "yellow" | "red";
            number_of_shards: number;
            number_of_replicas: number;
            active_primary_shards: number;
            active_shards: number;
            unassigned_shards?: number;
            /** @description With `level=shards`, each shard's health by shard number. */
            shards?: Record<string, never>;
        } & {
            [key: string]: unknown;
        };
        /** ClusterSettingsRequest */
        ClusterSettingsRequest: {
            persistent?: Record<string, never>;
            transient?: Record<string, never>;
        };
        /** ClusterSettingsResponse */
        ClusterSettingsResponse: {
            acknowledged: boolean;
            persistent: Record<string, never>;
            transient: Record<string, never>;
        };
        /** ShardsSummary */
        ShardsSummary: {
            total: number;
            successful: number;
            failed: number;
            skipped?: number;
        };
        /** IndexDocumentResponse */
        IndexDocumentResponse: {
            _index: string;
            _id: string;
            _version: number;
            /** @enum {string} */
            result: "created" | "updated";
            _shards: components["schemas"]["ShardsSummary"];
            _seq_no: number;
            _primary_term: number;
        };
        /** GetDocumentResponse */
        GetDocumentResponse: {
            _index: string;
            _id: string;
            _version?: number;
            _seq_no?: number;
            _primary_term?: number;
            found: boolean;
            _source?: Record<string, never>;
        };
        /** CountRequest */
        CountRequest: {
            query?: Record<string, never>;
        };
        /** CountResponse */
        CountResponse: {
            count: number;
            _shards: components["schemas"]["ShardsSummary"];
        };
        /** RefreshResponse */
        RefreshResponse: {
            _shards: components["schemas"]["ShardsSummary"];
        };
        /** TestControlInfo */
        TestControlInfo: {
            /** @constant */
            test_control: true;
            version: string;
            capabilities: ("fail_job" | "job_behaviour" | "release_job" | "datafeed_behaviour" | "upgrade_mode" | "reset" | "delete_by_prefix")[];
        };
        /** DeleteByPrefixRequest */
        DeleteByPrefixRequest: {
            /** @description The literal start of every id to delete. An empty prefix is refused; `_reset` deletes everything. */
            prefix: string;
        };
        /** DeleteByPrefixResponse */
        DeleteByPrefixResponse: {
            /** @constant */
            acknowledged: true;
            /** @description The ids of the deleted jobs, sorted. */
            jobs: string[];
            /** @description The ids of the deleted datafeeds, sorted. */
            datafeeds: string[];
            /** @description The names of the deleted indices, sorted. */
            indices: string[];
        };
        /** UpgradeModeRequest */
        UpgradeModeRequest: {
            enabled: boolean;
        };
        /** JobBehaviour */
        JobBehaviour: {
            /** @description How long the node takes to close the job. `0` restores the default. */
            close_delay?: components["schemas"]["Duration"];
            /** @description How long the job stays `opening` before it is `opened`. */
            open_delay?: components["schemas"]["Duration"];
            /** @description The node fails to close the process; the job becomes `failed`. */
            close_failure?: boolean;
            /** @description The node's close of this job does not finish (the job stays `closing`) until the job is released; `timeout` still applies to the close request. */
            hold_close?: boolean;
            /** @description Opening this job does not finish (the job stays `opening`) until the job is released. */
            hold_open?: boolean;
        };
        /** DatafeedBehaviour */
        DatafeedBehaviour: {
            /** @description Stopping this datafeed fails. */
            refuse_stop?: boolean;
            /** @description The reason of the stop failure. */
            stop_failure_reason?: string;
        };
    };
    responses: {
        /** @description The user or API key lacks the `manage_ml` cluster privilege. `X-elastic-product` is not sent. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description The path exists but not with this method. The `Allow` header lists the methods it accepts. */
        MethodNotAllowed: {
            headers: {
                /** @description The methods the path accepts, comma-separated. */
                Allow?: string;
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SimpleErrorResponse"];
            };
        };
        /** @description A body was sent without a Content-Type, or with one Elasticsearch does not accept. */
        NotAcceptable: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SimpleErrorResponse"];
            };
        };
        /** @description The operation failed on the server, for example it timed out waiting for the job. */
        ServerError: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description Security is enabled and the request has no credentials, or they are wrong. `X-elastic-product` is not sent. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description ML upgrade mode is enabled; close is refused. */
        UpgradeMode: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description Persistent tasks may not be assigned (`cluster.persistent_tasks.allocation.enable: none`), so the datafeed cannot start. */
        AssignmentDisabled: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description No master node is elected; `reason` may be null. */
        NoMaster: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description Done. */
        Acknowledged: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AcknowledgedResponse"];
            };
        };
        /** @description The document is stored (201 created, 200 replaced). */
        IndexedDocument: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["IndexDocumentResponse"];
            };
        };
        /** @description The request is invalid, for example an invalid job id or one that is already used. */
        SupportingBadRequest: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The job, datafeed or index does not exist. */
        SupportingNotFound: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description The resource is in a state that does not allow the operation. */
        SupportingConflict: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["DetailedErrorResponse"];
            };
        };
        /** @description The body is invalid, or test control is not enabled (unknown path). */
        TestControlBadRequest: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Test control is not enabled, so the path is unknown. */
        NoHandler: {
            headers: {
                "X-elastic-product": components["headers"]["XElasticProduct"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SimpleErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description An expression, not a single id. It is split on `,`; each token is trimmed and empty tokens are dropped.
         *     A token may be a job id, a group name (which stands for its member jobs), or a wildcard pattern with `*`
         *     anywhere. Inside a `*` token, `?` matches one character and `\` escapes the next in the search, but only
         *     `*` is special when `allow_no_match=false` checks that the token matched; `?` without `*` is an exact id.
         *     `_all`, `*`, or an expression with no tokens at all (blank, `,`) means every job. `_all` is
         *     special only when it is the only token: in `_all,foo` it is a literal id that cannot exist. Matching is
         *     case-sensitive and the path value is never validated as a job id, so an impossible id is simply a 404.
         *     Percent-encode each id in the path.
         */
        JobIdExpression: components["schemas"]["JobIdExpression"];
        /** @description One job id. */
        JobIdSingle: components["schemas"]["JobId"];
        /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
        DatafeedId: string;
        /** @description An index name. */
        IndexName: string;
        /** @description The document id. */
        DocumentId: string;
        /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
        AllowNoMatch: boolean;
        /** @description Close without flushing buffers, computing final results or persisting the model state, and without waiting. Needed to close a `failed` job. Only `true` and `false` (case-sensitive) are valid; an empty value (`?force`) means `true`. */
        Force: boolean;
        /** @description How long to wait for the job's datafeed to stop and then for the job to close. When it expires the answer is 500 `illegal_state_exception`, and the job goes on closing. Force close does not wait. Default `30m`. */
        Timeout: components["schemas"]["Duration"];
        /** @description Indent the JSON response (two spaces, `" : "` between key and value, trailing newline). */
        Pretty: boolean;
        /** @description Accepted; it changes nothing in this response. */
        Human: boolean;
        /** @description Add `stack_trace` to every exception of an error body: the top level, each `root_cause` entry and each `caused_by` (never to 401). An unparsable value is a 400 in the simple error format. */
        ErrorTrace: boolean;
        /** @description Comma-separated paths to keep in a success body, for example `closed`. A filter that matches nothing gives `{}`. Error bodies ignore it. */
        FilterPath: string;
    };
    requestBodies: never;
    headers: {
        /** @description `Elasticsearch` on every response except 401 and 403. The official clients refuse responses without it. */
        XElasticProduct: "Elasticsearch";
        /** @description The methods the route accepts. */
        AllowPost: "POST";
        /** @description `299 Elasticsearch-<version>-<build hash> "Posting data directly to anomaly detection jobs is deprecated, in a future major version it will be compulsory to use a datafeed"`. */
        PostDataDeprecation: string;
        /** @description One header per enabled authentication scheme, for example `Basic realm="security", charset="UTF-8"`, `Bearer realm="security"` and `ApiKey`. */
        WwwAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "ml-close-job": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
                /** @description Close without flushing buffers, computing final results or persisting the model state, and without waiting. Needed to close a `failed` job. Only `true` and `false` (case-sensitive) are valid; an empty value (`?force`) means `true`. */
                force?: components["parameters"]["Force"];
                /** @description How long to wait for the job's datafeed to stop and then for the job to close. When it expires the answer is 500 `illegal_state_exception`, and the job goes on closing. Force close does not wait. Default `30m`. */
                timeout?: components["parameters"]["Timeout"];
                /** @description Indent the JSON response (two spaces, `" : "` between key and value, trailing newline). */
                pretty?: components["parameters"]["Pretty"];
                /** @description Accepted; it changes nothing in this response. */
                human?: components["parameters"]["Human"];
                /** @description Add `stack_trace` to every exception of an error body: the top level, each `root_cause` entry and each `caused_by` (never to 401). An unparsable value is a 400 in the simple error format. */
                error_trace?: components["parameters"]["ErrorTrace"];
                /** @description Comma-separated paths to keep in a success body, for example `closed`. A filter that matches nothing gives `{}`. Error bodies ignore it. */
                filter_path?: components["parameters"]["FilterPath"];
            };
            header?: never;
            path: {
                /**
                 * @description An expression, not a single id. It is split on `,`; each token is trimmed and empty tokens are dropped.
                 *     A token may be a job id, a group name (which stands for its member jobs), or a wildcard pattern with `*`
                 *     anywhere. Inside a `*` token, `?` matches one character and `\` escapes the next in the search, but only
                 *     `*` is special when `allow_no_match=false` checks that the token matched; `?` without `*` is an exact id.
                 *     `_all`, `*`, or an expression with no tokens at all (blank, `,`) means every job. `_all` is
                 *     special only when it is the only token: in `_all,foo` it is a literal id that cannot exist. Matching is
                 *     case-sensitive and the path value is never validated as a job id, so an impossible id is simply a 404.
                 *     Percent-encode each id in the path.
                 */
                job_id: components["parameters"]["JobIdExpression"];
            };
            cookie?: never;
        };
        /** @description Optional. The same options as the query parameters. A non-empty body switches the request to body mode: only the body is read, and any of `allow_no_match`, `force` or `timeout` in the query string is then a 400. A zero-length body counts as no body. `job_id` is accepted and ignored (the path wins). */
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Accepted but ignored: the path's `job_id` always wins, and a mismatch is not checked. Elastic's spec does not list this field. */
                    job_id?: string;
                    /**
                     * @description Whether a wildcard or "all" expression that matches nothing is allowed. Default `true`. Exact ids and group names must always match.
                     * @default true
                     */
                    allow_no_match?: components["schemas"]["BodyBoolean"];
                    /**
                     * @description Close without flushing or persisting state, and without waiting; also closes `failed` jobs. Default `false`.
                     * @default false
                     */
                    force?: components["schemas"]["BodyBoolean"];
                    /**
                     * @description How long to wait for stopping datafeeds and for the jobs to close. Default `30m`. A JSON number is rejected: it must be a string.
                     * @default 30m
                     */
                    timeout?: components["schemas"]["Duration"];
                };
            };
        };
        responses: {
            /** @description Every matched job is closed (or was already closed). The body is always `{"closed":true}`, unless `filter_path` removes it: a filter that matches nothing gives `{}`, which is not a `CloseJobResponse`. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloseJobResponse"];
                };
            };
            /** @description The request is malformed: a bad boolean or duration, an unknown query parameter, a body together with query options, or a body that cannot be parsed. */
            400: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description The user or API key lacks the `manage_ml` cluster privilege. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            /** @description A required token of the expression matched no job: an explicit id or group (always required), a wildcard or "all" expression with `allow_no_match=false`. Nothing was closed. */
            404: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            /** @description Any method other than POST (and OPTIONS). The `Allow` header says `POST`. */
            405: {
                headers: {
                    Allow: components["headers"]["AllowPost"];
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimpleErrorResponse"];
                };
            };
            /** @description A body was sent without a Content-Type, or with one Elasticsearch does not accept. */
            406: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimpleErrorResponse"];
                };
            };
            /** @description A matched job is `failed` and `force` is false, or a started datafeed could not be stopped. Nothing was closed. */
            409: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            429: components["responses"]["UpgradeMode"];
            /** @description The jobs were not closed within `timeout` (the close goes on in the background), or the node failed to close the process, or a force close failed. */
            500: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            503: components["responses"]["NoMaster"];
        };
    };
    info: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cluster information. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    /** @description The path prefix of the test-control operations, present only when they are enabled. */
                    "X-mlclose-test-control"?: "/_mlclose/test";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterInfo"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-get-jobs": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
            };
            header?: never;
            path: {
                /**
                 * @description An expression, not a single id. It is split on `,`; each token is trimmed and empty tokens are dropped.
                 *     A token may be a job id, a group name (which stands for its member jobs), or a wildcard pattern with `*`
                 *     anywhere. Inside a `*` token, `?` matches one character and `\` escapes the next in the search, but only
                 *     `*` is special when `allow_no_match=false` checks that the token matched; `?` without `*` is an exact id.
                 *     `_all`, `*`, or an expression with no tokens at all (blank, `,`) means every job. `_all` is
                 *     special only when it is the only token: in `_all,foo` it is a literal id that cannot exist. Matching is
                 *     case-sensitive and the path value is never validated as a job id, so an impossible id is simply a 404.
                 *     Percent-encode each id in the path.
                 */
                job_id: components["parameters"]["JobIdExpression"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching jobs, sorted by id. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetJobsResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-put-job": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobConfigInput"];
            };
        };
        responses: {
            /** @description The created job. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-delete-job": {
        parameters: {
            query?: {
                /** @description Delete an open job (it is force-closed first). */
                force?: boolean;
            };
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "ml-open-job": {
        parameters: {
            query?: {
                /** @description How long to wait for the job to open. Default `30m`. */
                timeout?: components["schemas"]["Duration"];
            };
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job is open. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenJobResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
            /** @description The job cannot be assigned to a node. Either persistent tasks may not be assigned (`cluster.persistent_tasks.allocation.enable: none`, TransportOpenJobAction.makeAssignmentsNotAllowedException), or no ML node has room for the job (TransportOpenJobAction.makeNoSuitableNodesException): a `status_exception` caused by an `illegal_state_exception` with the allocation explanation. */
            429: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            500: components["responses"]["ServerError"];
        };
    };
    "ml-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Defaults and limits. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MlInfoResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-get-job-stats": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
            };
            header?: never;
            path: {
                /**
                 * @description An expression, not a single id. It is split on `,`; each token is trimmed and empty tokens are dropped.
                 *     A token may be a job id, a group name (which stands for its member jobs), or a wildcard pattern with `*`
                 *     anywhere. Inside a `*` token, `?` matches one character and `\` escapes the next in the search, but only
                 *     `*` is special when `allow_no_match=false` checks that the token matched; `?` without `*` is an exact id.
                 *     `_all`, `*`, or an expression with no tokens at all (blank, `,`) means every job. `_all` is
                 *     special only when it is the only token: in `_all,foo` it is a literal id that cannot exist. Matching is
                 *     case-sensitive and the path value is never validated as a job id, so an impossible id is simply a 404.
                 *     Percent-encode each id in the path.
                 */
                job_id: components["parameters"]["JobIdExpression"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics of the matching jobs. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobStatsResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-get-datafeeds": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
            };
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The datafeeds. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetDatafeedsResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "ml-put-datafeed": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatafeedConfigInput"];
            };
        };
        responses: {
            /** @description The created datafeed. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Datafeed"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "ml-delete-datafeed": {
        parameters: {
            query?: {
                /** @description Delete a started datafeed. */
                force?: boolean;
            };
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "ml-start-datafeed": {
        parameters: {
            query?: {
                /** @description How long to wait for the datafeed to start. Default `20s`. */
                timeout?: components["schemas"]["Duration"];
            };
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The datafeed is started. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartDatafeedResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
            429: components["responses"]["AssignmentDisabled"];
        };
    };
    "ml-stop-datafeed": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
                /** @description Close without flushing buffers, computing final results or persisting the model state, and without waiting. Needed to close a `failed` job. Only `true` and `false` (case-sensitive) are valid; an empty value (`?force`) means `true`. */
                force?: components["parameters"]["Force"];
                /** @description How long to wait for the datafeeds to stop. Default `20s`. */
                timeout?: components["schemas"]["Duration"];
            };
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The datafeeds are stopped. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StopDatafeedResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "ml-get-datafeed-stats": {
        parameters: {
            query?: {
                /** @description Whether a wildcard token, or an "all" expression (`_all`, `*`, blank), may match nothing. With `true` (the default) such an expression is a no-op 200; with `false` it is a 404. Explicit ids and group names must always match, whatever this says. Elastic's docs say "returns an empty jobs array" here, copied from the get-jobs API; close returns `{"closed":true}`. Only `true` and `false` (case-sensitive) are valid; an empty value (`?allow_no_match`) means `true`. The v7 name `allow_no_jobs` is rejected on 8.x and 9.x. */
                allow_no_match?: components["parameters"]["AllowNoMatch"];
            };
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics of the matching datafeeds. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatafeedStatsResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "indices-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateIndexRequest"];
            };
        };
        responses: {
            /** @description The index was created. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateIndexResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "indices-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "indices-exists": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The indices exist. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An index does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    "ml-post-data": {
        parameters: {
            query?: {
                /** @description Start of the bucket range to reset. Epoch seconds (up to 10 digits), epoch ms or an ISO date. */
                reset_start?: string;
                /** @description End of the bucket range to reset. */
                reset_end?: string;
            };
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "application/json": Record<string, never> | Record<string, never>[];
            };
        };
        responses: {
            /** @description The counts of this upload. */
            202: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    Warning: components["headers"]["PostDataDeprecation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataCounts"];
                };
            };
            /** @description A reset date that cannot be parsed (`parse_exception`), an end before the start, or a body that is malformed JSON a hundred times over (`The input JSON data is malformed.`). */
            400: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            /** @description The job is not open (no task), or it has no process because it is not `opened` yet. */
            409: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
            /** @description A body in YAML or CBOR: JsonDataToProcessWriter reads only JSON (and SMILE, which the reference server does not decode either). */
            500: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
        };
    };
    "ml-flush-job": {
        parameters: {
            query?: {
                /** @description Calculate interim results for the buckets of `start` to `end`. */
                calc_interim?: boolean;
                /** @description Start of the interim results range; only with `calc_interim`. */
                start?: string;
                /** @description End of the interim results range. */
                end?: string;
                /** @description Finalize the buckets that end by this time. */
                advance_time?: string;
                /** @description Skip to this time (rounded up to a bucket boundary) without finalizing the buckets between. */
                skip_time?: string;
            };
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FlushJobRequest"];
            };
        };
        responses: {
            /** @description The job is flushed. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlushJobResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            /** @description The job is not open, or has no process. */
            409: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetailedErrorResponse"];
                };
            };
        };
    };
    "ml-update-job": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobUpdateInput"];
            };
        };
        responses: {
            /** @description The updated job. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "ml-update-datafeed": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatafeedUpdateInput"];
            };
        };
        responses: {
            /** @description The updated datafeed. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Datafeed"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "cluster-health": {
        parameters: {
            query?: {
                /** @description The detail: `cluster` (the default), `indices` (each index's health under `indices`) or `shards` (each index's shards too). Any case; another value is a 400 `illegal_argument_exception`. */
                level?: string;
                /** @description The status to wait for. */
                wait_for_status?: "green" | "yellow" | "red" | "GREEN" | "YELLOW" | "RED";
                /** @description How long to wait for the status. */
                timeout?: components["schemas"]["Duration"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The health. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterHealthResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            /** @description The wanted status was not reached. */
            408: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterHealthResponse"];
                };
            };
        };
    };
    "cluster-put-settings": {
        parameters: {
            query?: {
                /** @description Answer the settings with dotted keys instead of nested objects. */
                flat_settings?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClusterSettingsRequest"];
            };
        };
        responses: {
            /** @description The changed settings. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterSettingsResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "index-auto-id": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            201: components["responses"]["IndexedDocument"];
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
                /** @description The document id. */
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetDocumentResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The document or the index does not exist. */
            404: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetDocumentResponse"] | components["schemas"]["DetailedErrorResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    index: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
                /** @description The document id. */
                id: components["parameters"]["DocumentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            200: components["responses"]["IndexedDocument"];
            201: components["responses"]["IndexedDocument"];
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    count: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CountRequest"];
            };
        };
        responses: {
            /** @description The count. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "indices-refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refreshed. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefreshResponse"];
                };
            };
            400: components["responses"]["SupportingBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "indices-exists-alias": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An index name. */
                index: components["parameters"]["IndexName"];
                /** @description Alias names or `*` patterns, comma-separated. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alias exists. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such alias. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    "test-control-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Test control is enabled. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestControlInfo"];
                };
            };
            400: components["responses"]["NoHandler"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["NoHandler"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-delete-by-prefix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteByPrefixRequest"];
            };
        };
        responses: {
            /** @description Everything under the prefix is deleted. */
            200: {
                headers: {
                    "X-elastic-product": components["headers"]["XElasticProduct"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteByPrefixResponse"];
                };
            };
            400: components["responses"]["TestControlBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-upgrade-mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpgradeModeRequest"];
            };
        };
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["TestControlBadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-fail-job": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["NoHandler"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["SupportingConflict"];
        };
    };
    "test-control-job-behaviour": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JobBehaviour"];
            };
        };
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["TestControlBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-release-job": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description One job id. */
                job_id: components["parameters"]["JobIdSingle"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["NoHandler"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
    "test-control-datafeed-behaviour": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A datafeed id (or, for stop and stats, an expression like the job expression). */
                datafeed_id: components["parameters"]["DatafeedId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatafeedBehaviour"];
            };
        };
        responses: {
            200: components["responses"]["Acknowledged"];
            400: components["responses"]["TestControlBadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["SupportingNotFound"];
            405: components["responses"]["MethodNotAllowed"];
            406: components["responses"]["NotAcceptable"];
        };
    };
}
