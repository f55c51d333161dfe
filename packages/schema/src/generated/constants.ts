// This file is generated from spec/openapi.yaml by packages/schema/scripts/generate.mjs.
// Do not edit it by hand: change the spec and run `pnpm generate`.
/** The Duration pattern from the spec: exactly what Elasticsearch's TimeValue.parseTimeValue accepts. */
export const DURATION_PATTERN = "^[\\x00-\\x20]*(?:(?:\\+?0*(?:[0-9]{1,18}|[0-8][0-9]{18}|9[0-1][0-9]{17}|92[0-1][0-9]{16}|922[0-2][0-9]{15}|9223[0-2][0-9]{14}|92233[0-6][0-9]{13}|922337[0-1][0-9]{12}|92233720[0-2][0-9]{10}|922337203[0-5][0-9]{9}|9223372036[0-7][0-9]{8}|92233720368[0-4][0-9]{7}|922337203685[0-3][0-9]{6}|9223372036854[0-6][0-9]{5}|92233720368547[0-6][0-9]{4}|922337203685477[0-4][0-9]{3}|9223372036854775[0-7][0-9]{2}|922337203685477580[0-6]|9223372036854775807)|-0*1|-0+)[\\x00-\\x20]*(?:(?:[nN][aA][nN][oO][sS]|[mM][iI][cC][rR][oO][sS]|[mM][sS]|[sS]|[hH]|[dD])[\\x00-\\x20]*|m)|-0*1[\\x00-\\x20]*|0+[\\x00-\\x20]*)$";

/** The job states, in the order of the spec's JobState enum. */
export const JOB_STATES = ["closing","closed","opened","failed","opening"] as const;

/** The datafeed states, in the order of the spec's DatafeedState enum. */
export const DATAFEED_STATES = ["started","stopped","starting","stopping"] as const;

/** The operationId of close-job. */
export const CLOSE_JOB_OPERATION_ID = "ml-close-job";

/** The transport action name Elasticsearch uses in close-job messages. */
export const CLOSE_JOB_ACTION = "cluster:admin/xpack/ml/job/close";
