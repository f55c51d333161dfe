// GET / and HEAD /: the cluster's main response.
import { clusterInfo } from '../../rules/cluster-info.js';
import type { Handler } from './request.js';

export const info: Handler = (ctx) => () => ({
  body: clusterInfo(ctx.cluster.node.name, ctx.cluster.clusterUuid),
});
