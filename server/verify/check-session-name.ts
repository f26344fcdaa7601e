/** The session a task's check runs in is named after the task (the demo gate knows the
 * demo's checks by it). */
export function checkSessionName(taskName: string): string {
  return `check: ${taskName}`;
}
