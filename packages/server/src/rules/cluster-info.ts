// The body of `GET /`, RestMainAction's MainResponse, for a 9.1.0 node.

export function clusterInfo(nodeName: string, clusterUuid: string): Record<string, unknown> {
  return {
    name: nodeName,
    cluster_name: 'mlclose',
    cluster_uuid: clusterUuid,
    version: {
      number: '9.1.0',
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: '0000000000000000000000000000000000000000',
      build_date: '2026-01-01T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: '10.2.2',
      minimum_wire_compatibility_version: '8.19.0',
      minimum_index_compatibility_version: '8.0.0',
    },
    tagline: 'You Know, for Search',
  };
}
