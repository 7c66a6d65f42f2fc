export function minifyEmbed(source: string): Promise<string>;
