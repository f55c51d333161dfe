# Runs Ruby samples, one after another in this one process, against a stand-in for Elastic's Ruby client that knows
# only the documented methods and parameters of test/fixtures/client-api.json: an undocumented method, an unknown or
# missing argument raises. Each line on stdin is a request, {"source": "<the sample>"}, and each answer is one line on
# stdout: {"calls": [...]}, the calls the sample made, or {"fatal": "..."}, what it raised. Each sample runs in a
# binding of its own, with a fresh client, so that nothing one sample assigns is seen by the next. The process ends
# when stdin ends.
#   ruby check-ruby-sample.rb <client-api.json>
require 'json'

API = JSON.parse(File.read(ARGV.fetch(0))).fetch('apis')

class DocumentedNamespace
  def initialize(name, calls)
    @name = name
    @calls = calls
  end

  def method_missing(method, *args, **kwargs)
    api = "#{@name}.#{method}"
    doc = API[api] or raise NoMethodError, "the Ruby client documents no method #{api}"
    raise ArgumentError, "#{api} takes keyword arguments only" unless args.empty?
    allowed = doc['path'] + doc.fetch('optionalPath', []) + doc['query'] + %w[headers body]
    unknown = kwargs.keys.map(&:to_s) - allowed
    raise ArgumentError, "#{api}: undocumented argument(s) #{unknown.join(', ')}" unless unknown.empty?
    doc['path'].each { |part| raise ArgumentError, "#{api}: '#{part}' missing" unless kwargs.key?(part.to_sym) }
    raise ArgumentError, "#{api}: 'body' missing" if doc['body'] == 'required' && !kwargs.key?(:body)
    raise ArgumentError, "#{api} takes no body" if doc['body'] == 'none' && kwargs.key?(:body)
    @calls << { api: api, arguments: kwargs }
    {}
  end

  def respond_to_missing?(*) = true
end

class DocumentedClient
  def initialize(calls)
    @calls = calls
  end

  def ml = DocumentedNamespace.new('ml', @calls)
  def indices = DocumentedNamespace.new('indices', @calls)
end

# A binding with only `client` in it, as a sample expects: a new one for each sample.
def sample_binding(client) = binding

def run(source)
  calls = []
  eval(source, sample_binding(DocumentedClient.new(calls)), 'sample.rb')
  { calls: calls }
rescue ScriptError, StandardError => e
  { fatal: "#{e.class}: #{e.message}" }
end

$stdout.sync = true
$stdin.each_line do |line|
  next if line.strip.empty?

  $stdout.write("#{JSON.generate(run(JSON.parse(line).fetch('source')))}\n")
end
