/**
 * `npm run bench`: the load benchmark of issue 6 is not built yet. Until it is, this
 * says so plainly instead of failing with "file not found".
 */
process.stdout.write('npm run bench: not yet — the load benchmark (issue 6) is still to be built; see docs/ARCHITECTURE.md for the hub design.\n')
