-- The load test's public-page mix (see benchmarks/load.py): anonymous visitors of the
-- careers page, 30% board pages (a page of the list, or a filter) and 70% postings.
local company = os.getenv("ROLEKIT_COMPANY")
local slugs = {}
for slug in string.gmatch(os.getenv("ROLEKIT_SLUGS"), "[^,]+") do
  slugs[#slugs + 1] = slug
end
local boards = {
  "/jobs/" .. company .. "/",
  "/jobs/" .. company .. "/?page=2",
  "/jobs/" .. company .. "/?page=3",
  "/jobs/" .. company .. "/?family=data-scientist",
  "/jobs/" .. company .. "/?family=machine-learning-engineer",
}
local headers = { ["Accept"] = "text/html" }

math.randomseed(os.time())

request = function()
  if math.random(100) <= 30 then
    return wrk.format("GET", boards[math.random(#boards)], headers)
  end
  return wrk.format("GET", "/jobs/" .. company .. "/" .. slugs[math.random(#slugs)] .. "/", headers)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non2xx=%d "
      .. "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.status, errors.connect, errors.read, errors.write,
    errors.timeout))
end
