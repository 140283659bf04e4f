-- wrk script of bench/serve.sh: GET /v1/events with `depeche query`'s filters, a different
-- filter combination on each request (one page of 50 records each).
local paths = {
  "/v1/events?actor=FRA&limit=50",
  "/v1/events?country=FRA&quad=3&limit=50",
  "/v1/events?code=11&limit=50",
  "/v1/events?quad=4&from=2016-01-01&to=2017-12-31&limit=50",
  "/v1/events?text=attentat&limit=50",
  "/v1/events?actor=FRAGOV&code=0&limit=50",
  "/v1/events?country=USA&limit=50",
  "/v1/events?near=48.8566,2.3522,50&limit=50",
  "/v1/events?text=manifestation&country=FRA&limit=50",
  "/v1/events?from=2019-01-01&limit=50",
  "/v1/events?actor=RUS&quad=4&limit=50",
  "/v1/events?source=Orange%20Actualit%C3%A9s&code=04&limit=50",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
