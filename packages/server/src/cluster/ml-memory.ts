// The ML node's memory, as Elasticsearch sizes it for anomaly detection jobs: the node may use
// `xpack.ml.max_machine_memory_percent` (30) of its machine memory for ML (MachineLearning.MAX_MACHINE_MEMORY_PERCENT);
// a job needs its model_memory_limit plus Job.PROCESS_MEMORY_OVERHEAD (10mb), and the first job on a node also
// the native code (MachineLearning.NATIVE_EXECUTABLE_CODE_OVERHEAD, 30mb). JobNodeSelector refuses a node whose
// free ML memory is less than that.
import { formatByteSize } from '../rules/byte-size.js';
import type { NodeInfo } from './cluster.js';

const MB = 1024 * 1024;
/** xpack.ml.max_machine_memory_percent's default. */
export const MAX_MACHINE_MEMORY_PERCENT = 30;
/** Job.PROCESS_MEMORY_OVERHEAD. */
export const PROCESS_MEMORY_OVERHEAD_BYTES = 10 * MB;
/** MachineLearning.NATIVE_EXECUTABLE_CODE_OVERHEAD. */
export const NATIVE_EXECUTABLE_CODE_OVERHEAD_BYTES = 30 * MB;
/** The server's default ML node: 8gb of machine memory, the smallest common dedicated ML node size. */
export const DEFAULT_ML_NODE_MEMORY_BYTES = 8 * 1024 * MB;

export class MlMemory {
  /** Bytes of machine memory (node attribute `ml.machine_memory`). */
  readonly machineMemory: number;
  /** Bytes of JVM heap (node attribute `ml.max_jvm_size`): half the machine, as a small node is sized. */
  readonly maxJvmSize: number;
  /** Bytes the node may use for ML processes. */
  readonly mlMemory: number;

  constructor(machineMemory: number) {
    this.machineMemory = machineMemory;
    this.maxJvmSize = Math.floor(machineMemory / 2);
    this.mlMemory = Math.floor((machineMemory * MAX_MACHINE_MEMORY_PERCENT) / 100);
  }

  /** The largest model_memory_limit a job can open with, in whole MiB (effective_max_model_memory_limit). */
  effectiveMaxModelMemoryLimitMb(): number {
    const bytes = this.mlMemory - NATIVE_EXECUTABLE_CODE_OVERHEAD_BYTES - PROCESS_MEMORY_OVERHEAD_BYTES;
    return Math.max(0, Math.floor(bytes / MB));
  }

  /**
   * Why a job of `modelMemoryLimitMb` cannot open on the node beside jobs of `assignedMb`, in JobNodeSelector's
   * words; undefined when it fits.
   */
  explainNoRoom(
    jobId: string,
    modelMemoryLimitMb: number,
    assignedMb: number[],
    node: NodeInfo,
  ): string | undefined {
    let existing = assignedMb.reduce((sum, mb) => sum + mb * MB + PROCESS_MEMORY_OVERHEAD_BYTES, 0);
    if (assignedMb.length > 0) existing += NATIVE_EXECUTABLE_CODE_OVERHEAD_BYTES;
    let required = modelMemoryLimitMb * MB + PROCESS_MEMORY_OVERHEAD_BYTES;
    if (assignedMb.length === 0) required += NATIVE_EXECUTABLE_CODE_OVERHEAD_BYTES;
    if (existing + required <= this.mlMemory) return undefined;
    const attributes = Object.entries(node.attributes)
      .filter(([name]) => name.startsWith('ml.'))
      .map(([name, value]) => `{${name}=${value}}`)
      .join('');
    return (
      `Not opening job [${jobId}] on node [{${node.name}}${attributes}], because this node has insufficient available memory. ` +
      `Available memory for ML [${this.mlMemory} (${formatByteSize(this.mlMemory)})], ` +
      `memory required by existing jobs [${existing} (${formatByteSize(existing)})], ` +
      `estimated memory required for this job [${required} (${formatByteSize(required)})].`
    );
  }
}
