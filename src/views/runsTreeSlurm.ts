/**
 * The runs tree's link to the scheduler: every Slurm sweep node the tree lists is handed to the
 * status tracker and carries its last status; when a status changes, the node the view holds is
 * updated in place and redrawn (with its tasks).
 */
import * as path from 'node:path';
import { slurmSignature } from '../runs/sweepCliSchemas';
import type { Disposable } from '../util/emitter';
import type { RunsNode, SweepNode } from './runsTreeNodes';
import type { SlurmStatusTracker } from './slurmStatusTracker';

/** What the runs tree needs of the tracker. */
export type SlurmStatusView = Pick<
  SlurmStatusTracker,
  'observe' | 'get' | 'onDidChange' | 'unlistAll'
>;

/** The Slurm sweep nodes handed out, kept current from the tracker. */
export class SlurmSweepNodes implements Disposable {
  private readonly known = new Map<string, SweepNode>();
  private readonly subscription: Disposable | undefined;

  constructor(
    private readonly tracker: SlurmStatusView | undefined,
    onChanged: (node: SweepNode) => void,
  ) {
    this.subscription = tracker?.onDidChange((dir) => {
      const node = this.known.get(dir);
      if (node !== undefined) {
        node.scheduler = tracker.get(dir);
        onChanged(node);
      }
    });
  }

  /** Gives the listed Slurm sweeps their last status and lets the tracker poll them. */
  annotate(nodes: readonly RunsNode[]): void {
    if (this.tracker === undefined) {
      return;
    }
    for (const node of nodes) {
      if (node.kind === 'sweep' && node.slurm !== undefined) {
        const dir = path.resolve(node.dir);
        this.known.set(dir, node);
        this.tracker.observe(dir, slurmSignature(node.slurm), node.slurm.jobIds.length > 0);
        node.scheduler = this.tracker.get(dir);
      }
    }
  }

  /** The whole tree is listed again: the nodes handed out so far are no longer the view's. */
  clear(): void {
    this.known.clear();
    this.tracker?.unlistAll();
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
