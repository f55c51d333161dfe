# Runs one Ruby sample (read from stdin) against a stand-in for Elastic's Ruby client that knows only the
# documented methods and parameters of test/fixtures/client-api.json: an undocumented method, an unknown or
# missing argument raises. Prints the calls the sample made as JSON.
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

calls = []
client = DocumentedClient.new(calls)
eval($stdin.read, binding, 'sample.rb')
$stdout.write(JSON.generate(calls))
