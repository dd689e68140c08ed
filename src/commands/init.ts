export async function runInit(..._args: unknown[]): Promise<void> {}
