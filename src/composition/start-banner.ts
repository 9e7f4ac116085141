/**
 * What `npm start` prints once the service is ready (listening, the processing worker up, recovery done): where
 * it serves and how to begin, as plain text. `simulator` adds the simulator page (no LINE channel configured).
 */
export function startBanner(base: string, simulator: boolean): string {
  return [
    `Tsunagu is running: ${base}`,
    `  health:  ${base}/healthz   readiness: ${base}/readyz`,
    `  webhook: ${base}/webhook`,
    `  console: ${base}/console   (create a staff account: npm run staff:create -- --login <id> --name <名前> --role admin)`,
    ...(simulator ? ['  LINE:    no channel configured (simulator mode)', `  simulator: ${base}/simulator`] : []),
  ].join('\n');
}
