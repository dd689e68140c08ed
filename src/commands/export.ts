export async function runExport(..._args: unknown[]): Promise<void> {}
