import type { TaskId } from '../../protocol/task';

/**
 * The task DAG's structure: parent and children, nothing else. Pure. A task's parent must
 * exist when it is added and edges are never rewired, so the graph is a forest and can have
 * no cycle.
 */
export class TaskGraph {
  private readonly parents = new Map<TaskId, TaskId | null>();
  private readonly kids = new Map<TaskId, TaskId[]>();

  has(id: TaskId): boolean {
    return this.parents.has(id);
  }

  add(id: TaskId, parent: TaskId | null): void {
    if (this.parents.has(id)) throw new Error(`task ${id} already in the graph`);
    if (parent !== null && !this.parents.has(parent)) throw new Error(`parent ${parent} not in the graph`);
    this.parents.set(id, parent);
    this.kids.set(id, []);
    if (parent !== null) this.kids.get(parent)?.push(id);
  }

  parent(id: TaskId): TaskId | null {
    return this.parents.get(id) ?? null;
  }

  children(id: TaskId): TaskId[] {
    return [...(this.kids.get(id) ?? [])];
  }

  /** The task and all its descendants, parents before children. */
  subtree(id: TaskId): TaskId[] {
    if (!this.parents.has(id)) return [];
    const out: TaskId[] = [];
    const stack: TaskId[] = [id];
    while (stack.length > 0) {
      const next = stack.shift() as TaskId;
      out.push(next);
      stack.push(...(this.kids.get(next) ?? []));
    }
    return out;
  }

  /** Removes the task and its subtree; returns the removed ids (children first). */
  removeSubtree(id: TaskId): TaskId[] {
    const ids = this.subtree(id).reverse();
    const parent = this.parent(id);
    if (parent !== null) {
      const siblings = this.kids.get(parent);
      if (siblings !== undefined) this.kids.set(parent, siblings.filter((s) => s !== id));
    }
    for (const t of ids) {
      this.parents.delete(t);
      this.kids.delete(t);
    }
    return ids;
  }
}
