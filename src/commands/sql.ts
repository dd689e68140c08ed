export async function runSql(..._args: unknown[]): Promise<void> {}
