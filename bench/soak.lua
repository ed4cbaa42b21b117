-- wrk script for bench/soak.sh: a mix of v4 and v3 calls through HubGate, with the answers counted
-- by kind in every thread and reported together in done().
--
-- Environment: WRK_AUTH (the Authorization header value), SOAK_COUNTS_FILE (where done() writes
-- "kind<TAB>count" lines for the caller).
--
-- Record ids come from a small fixed space (contacts 1000-1199, companies 2000-2004), so creates
-- stop growing the simulator's in-memory store once every pair exists: its memory is not mistaken
-- for a gateway leak. Label creates are occasional, at most one outstanding per thread, and every
-- label created is deleted again, so the pair never reaches HubSpot's 10-label limit.

local v4 = "/crm/v4/associations/contacts/companies"
local v3 = "/crm/v3/associations/contacts/companies"
local contacts, companies = 200, 5
local create_wait = 16   -- seconds: longer than the demo's budget.maxWaitMs, so a create has been answered
local delete_wait = 20   -- seconds before a delete that seems not to have happened is sent again

-- Per-request weights, out of 1000. The label create is tried only when the thread has no label of
-- its own alive or being created, otherwise that slot reads the labels instead.
local mix = {
    { 300, "v4 batch/read" },
    { 300, "v4 labels (cache)" },
    { 80, "v4 batch/create" },
    { 150, "v3 batch/read" },
    { 50, "v3 batch/create" },
    { 115, "v3 types" },
    { 5, "v4 label create" },
}

-- Main state: collect the threads so done() can read their counters.
local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end

-- Thread state.
local headers = { ["Content-Type"] = "application/json" }
local n = 0
counts = {}   -- answers by kind (read by done() through thread:get)
sent = {}     -- requests by call
local own_prefix
local live = {}          -- typeId of a label this thread created -> time its delete was last sent (0: never)
local gone = {}          -- typeId -> time a list first showed it deleted
local creating_since = nil

function init(args)
    headers["Authorization"] = os.getenv("WRK_AUTH")
    own_prefix = "soak_t" .. id .. "_"
    math.randomseed(id * 7919 + os.time())
end

local function count(kind)
    counts[kind] = (counts[kind] or 0) + 1
end

local function contact() return 1000 + math.random(0, contacts - 1) end
local function company() return 2000 + math.random(0, companies - 1) end

local function read_body()
    return string.format('{"inputs":[{"id":"%d"},{"id":"%d"},{"id":"%d"}]}', contact(), contact(), contact())
end

local function call(name, method, path, body)
    sent[name] = (sent[name] or 0) + 1
    return wrk.format(method, path, headers, body)
end

function request()
    local now = os.time()
    -- Deleting this thread's labels comes first.
    for typeId, last in pairs(live) do
        if now - last >= delete_wait then
            live[typeId] = now
            return call("v4 label delete", "DELETE", v4 .. "/labels/" .. typeId, nil)
        end
    end
    local roll = math.random(1, 1000)
    local name
    for _, entry in ipairs(mix) do
        if roll <= entry[1] then name = entry[2]; break end
        roll = roll - entry[1]
    end
    if name == "v4 label create" then
        if next(live) == nil and (creating_since == nil or now - creating_since >= create_wait) then
            creating_since = now
            n = n + 1
            local label = own_prefix .. n
            return call(name, "POST", v4 .. "/labels", string.format('{"label":"%s","name":"%s"}', label, label))
        end
        name = "v4 labels (cache)"
    end
    if name == "v4 batch/read" then
        return call(name, "POST", v4 .. "/batch/read", read_body())
    elseif name == "v4 labels (cache)" then
        return call(name, "GET", v4 .. "/labels", nil)
    elseif name == "v4 batch/create" then
        local typeId = math.random(1, 4) == 1 and 1 or 279
        return call(name, "POST", v4 .. "/batch/create", string.format(
            '{"inputs":[{"from":{"id":"%d"},"to":{"id":"%d"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":%d}]}]}',
            contact(), company(), typeId))
    elseif name == "v3 batch/read" then
        return call(name, "POST", v3 .. "/batch/read", read_body())
    elseif name == "v3 batch/create" then
        local type = math.random(1, 4) == 1 and "contact_to_company" or "contact_to_company_unlabeled"
        return call(name, "POST", v3 .. "/batch/create", string.format(
            '{"inputs":[{"from":{"id":"%d"},"to":{"id":"%d"},"type":"%s"}]}', contact(), company(), type))
    else
        return call("v3 types", "GET", v3 .. "/types", nil)
    end
end

-- Keeps track of this thread's labels from what the answers show: a label create's answer, or the
-- pair's label list (which is also how a delete is seen to have worked).
local function track_labels(body)
    if not string.find(body, '"label":"' .. own_prefix, 1, true) then
        -- A label list without any of this thread's labels: every delete sent so far worked.
        if next(live) ~= nil and string.find(body, '"label":"Primary"', 1, true) and not string.find(body, '"from"', 1, true) then
            local now = os.time()
            for typeId, last in pairs(live) do
                if last > 0 and last < now then live[typeId] = nil; gone[typeId] = now end
            end
        end
        return
    end
    local seen = {}
    for object in string.gmatch(body, "{[^{}]*}") do
        if string.find(object, '"label":"' .. own_prefix, 1, true) then
            local typeId = string.match(object, '"typeId":(%d+)')
            -- A list answered late (after waiting for the budget) can still show a label deleted
            -- since; only a sighting well after the deletion means it is really back.
            if typeId and (gone[typeId] == nil or os.time() - gone[typeId] >= delete_wait) then
                seen[typeId] = true
                if live[typeId] == nil then live[typeId] = 0 end
                gone[typeId] = nil
                creating_since = nil
            end
        end
    end
    -- A full list (not a create's answer) that lacks a label whose delete was sent: it is gone.
    if string.sub(body, 1, 11) == '{"results":' then
        local now = os.time()
        for typeId, last in pairs(live) do
            if not seen[typeId] and last > 0 and last < now then live[typeId] = nil; gone[typeId] = now end
        end
    end
end

function response(status, headers, body)
    if status >= 200 and status < 300 then
        count("2xx ok")
        if status == 200 and body then track_labels(body) end
        -- A label delete is the mix's only call answered 204, and a thread has at most one label
        -- alive: its delete worked. Waiting for a label list to show that instead can take two budget
        -- waits (the delete's, then the list's refill after the invalidation), longer than
        -- delete_wait, and the delete sent again then meets a 404.
        if status == 204 then
            local now = os.time()
            for typeId, last in pairs(live) do
                if last > 0 then live[typeId] = nil; gone[typeId] = now end
            end
        end
    elseif status == 429 then
        -- HubGate's own 429s say which limit stood in the way: a client over its share gets a body
        -- without policyName (and RateLimit-Policy: "client"); a call that found no room in the
        -- shared upstream budget gets HubSpot's vocabulary, policyName and errorType RATE_LIMIT,
        -- with HubGate's message. A 429 from HubSpot itself passes through with HubSpot's message.
        local policy = body and string.match(body, '"policyName":"([^"]*)"')
        if policy == nil then
            local limit = headers["RateLimit-Policy"] or headers["ratelimit-policy"] or ""
            count(string.find(limit, '"client"', 1, true) and "429 client share" or "429 other")
        elseif string.find(body, "HubGate is holding", 1, true) then
            count("429 upstream budget " .. policy)
        else
            count("429 HubSpot " .. policy)
        end
    elseif status < 500 then
        count(status .. " other 4xx")
    else
        count(status .. " 5xx")
    end
end

-- Main state, after the run: add up every thread's counters and report them.
function done(summary, latency, requests)
    local total, calls = {}, {}
    for _, thread in ipairs(threads) do
        for kind, value in pairs(thread:get("counts")) do total[kind] = (total[kind] or 0) + value end
        for name, value in pairs(thread:get("sent")) do calls[name] = (calls[name] or 0) + value end
    end
    for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do
        total["socket " .. kind] = summary.errors[kind]
    end
    local file = assert(io.open(os.getenv("SOAK_COUNTS_FILE"), "w"))
    for kind, value in pairs(total) do file:write("answer\t", kind, "\t", value, "\n") end
    for name, value in pairs(calls) do file:write("call\t", name, "\t", value, "\n") end
    file:write("total\trequests\t", summary.requests, "\n")
    file:write("total\tduration_us\t", summary.duration, "\n")
    file:write("latency\tp50_ms\t", latency:percentile(50) / 1000, "\n")
    file:write("latency\tp99_ms\t", latency:percentile(99) / 1000, "\n")
    file:write("latency\tmax_ms\t", latency.max / 1000, "\n")
    file:close()
end
