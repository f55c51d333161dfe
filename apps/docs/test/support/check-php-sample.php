<?php
// Runs PHP samples, one after another in this one process, against a stand-in for Elastic's PHP client that knows
// only the documented methods and parameters of test/fixtures/client-api.json: an undocumented method, an unknown or
// missing parameter throws. Each line on stdin is a request, {"source": "<the sample>"}, and each answer is one line
// on stdout: {"calls": [...]}, the calls the sample made, or {"fatal": "..."}, what it threw. Each sample runs in a
// function scope of its own, with a fresh client, so that nothing one sample assigns is seen by the next. The
// process ends when stdin ends.
//   php check-php-sample.php <client-api.json>
declare(strict_types=1);

$fixture = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);

final class Calls
{
    public array $list = [];
}

final class DocumentedResponse
{
    public function asString(): string
    {
        return '';
    }
}

final class DocumentedNamespace
{
    public function __construct(private string $name, private array $fixture, private Calls $calls)
    {
    }

    public function __call(string $method, array $args): DocumentedResponse
    {
        // The PHP client names methods in camelCase: ml()->closeJob() is the API ml.close_job.
        $api = $this->name . '.' . strtolower(preg_replace('/[A-Z]/', '_$0', $method));
        $doc = $this->fixture['apis'][$api] ?? null;
        if ($doc === null || $method !== lcfirst(str_replace('_', '', ucwords(explode('.', $api)[1], '_')))) {
            throw new BadMethodCallException("the PHP client documents no method {$this->name}()->{$method}()");
        }
        // Every method takes one array of parameters, which defaults to none: ml()->info().
        if (count($args) > 1 || (count($args) === 1 && !is_array($args[0]))) {
            throw new InvalidArgumentException("{$api} takes one array of parameters");
        }
        $params = $args[0] ?? [];
        $allowed = array_merge($doc['path'], $doc['optionalPath'] ?? [], $doc['query'], $this->fixture['phpCommonQuery'], ['body']);
        $unknown = array_diff(array_keys($params), $allowed);
        if ($unknown) {
            throw new InvalidArgumentException("{$api}: undocumented parameter(s) " . implode(', ', $unknown));
        }
        foreach ($doc['path'] as $part) {
            if (!array_key_exists($part, $params)) {
                throw new InvalidArgumentException("{$api}: '{$part}' missing");
            }
        }
        if ($doc['body'] === 'required' && !array_key_exists('body', $params)) {
            throw new InvalidArgumentException("{$api}: 'body' missing");
        }
        if ($doc['body'] === 'none' && array_key_exists('body', $params)) {
            throw new InvalidArgumentException("{$api} takes no body");
        }
        // As an object, so that no parameters print as {} (as the Ruby check does), not [].
        $this->calls->list[] = ['api' => $api, 'arguments' => (object) $params];
        return new DocumentedResponse();
    }
}

final class DocumentedClient
{
    public function __construct(private array $fixture, private Calls $calls)
    {
    }

    public function ml(): DocumentedNamespace
    {
        return new DocumentedNamespace('ml', $this->fixture, $this->calls);
    }

    public function indices(): DocumentedNamespace
    {
        return new DocumentedNamespace('indices', $this->fixture, $this->calls);
    }
}

/** Runs one sample in a function scope of its own: `$client`, as a sample expects, and the sample's own `$source`. */
function run_sample(DocumentedClient $client, string $source): void
{
    eval($source);
}

while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $source = json_decode($line, true, 512, JSON_THROW_ON_ERROR)['source'];
    $calls = new Calls();
    try {
        run_sample(new DocumentedClient($fixture, $calls), $source);
        $answer = ['calls' => $calls->list];
    } catch (Throwable $e) {
        $answer = ['fatal' => get_class($e) . ': ' . $e->getMessage()];
    }
    fwrite(STDOUT, json_encode($answer, JSON_THROW_ON_ERROR) . "\n");
}
