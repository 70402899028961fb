-- The load test's request mix (see benchmarks/load.py): API list, retrieve, analyse and a
-- cached PDF export, with an API key. Ids come from the environment.
local token = os.getenv("ROLEKIT_TOKEN")
local first_id = tonumber(os.getenv("ROLEKIT_FIRST_ID"))
local last_id = tonumber(os.getenv("ROLEKIT_LAST_ID"))
local pdf_ids = tonumber(os.getenv("ROLEKIT_PDF_IDS"))
local get_headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
local post_headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}
local analyse_body = '{"title": "Machine Learning Engineer", "text": "You will deploy models '
  .. 'on Kubernetes, design A/B tests and controlled experiments, and build feature pipelines '
  .. 'in Python and SQL. 5+ years of experience. Nice to have: Spark, MLflow. '
  .. 'Salary $150,000 - $180,000."}'

math.randomseed(os.time())

request = function()
  local pick = math.random(100)
  if pick <= 40 then
    return wrk.format("GET", "/api/v1/postings/?page_size=50", get_headers)
  elseif pick <= 70 then
    local id = math.random(first_id, last_id)
    return wrk.format("GET", "/api/v1/postings/" .. id .. "/", get_headers)
  elseif pick <= 85 then
    return wrk.format("POST", "/api/v1/analyse", post_headers, analyse_body)
  else
    local id = first_id + math.random(0, pdf_ids - 1)
    return wrk.format("GET", "/api/v1/postings/" .. id .. "/exports/pdf/", get_headers)
  end
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
