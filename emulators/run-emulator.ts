/**
 * The process wrapper both emulators share: DATABASE_URL is required, the emulator starts,
 * a line says where it listens, and SIGINT/SIGTERM close it (exit 0, or 1 when closing fails).
 */
export async function runEmulatorProcess<E extends { close(): Promise<void> }>(
  name: string,
  start: (databaseUrl: string) => Promise<E>,
  describe: (emulator: E) => string,
): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(`${name}: DATABASE_URL is required`);
    process.exit(1);
  }
  const emulator = await start(databaseUrl);
  console.log(`${name}: ${describe(emulator)}`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      emulator.close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`${name}: error while stopping: ${String(err)}`);
          process.exit(1);
        },
      );
    });
  }
}
