/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs a fuzz target's LLVMFuzzerTestOneInput over files and directories
 * without libFuzzer, so every committed corpus (seeds and past crashes) is
 * a regression test of the normal build trees, sanitizers included.
 * Usage: replay-NAME <file|dir>...   Exit status 0 when at least one input ran.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define REPLAY_MAX_INPUT (1u << 20)

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	uint8_t *buf = malloc(REPLAY_MAX_INPUT);
	size_t n = buf != NULL ? fread(buf, 1, REPLAY_MAX_INPUT, f) : 0;
	fclose(f);
	if (buf == NULL)
		return -1;
	/* an exact-size copy, so overreads of the input are caught */
	uint8_t *in = malloc(n > 0 ? n : 1);
	if (in != NULL) {
		memcpy(in, buf, n);
		LLVMFuzzerTestOneInput(in, n);
	}
	free(in);
	free(buf);
	return in != NULL ? 1 : -1;
}

static int
run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	DIR *d = opendir(path);
	if (d == NULL) {
		perror(path);
		return -1;
	}
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		int rc = run_path(p);
		if (rc < 0) {
			count = -1;
			break;
		}
		count += rc;
	}
	closedir(d);
	return count;
}

int
main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	int total = 0;
	for (int i = 1; i < argc; i++) {
		int rc = run_path(argv[i]);
		if (rc < 0)
			return 1;
		total += rc;
	}
	printf("replayed %d inputs\n", total);
	return total > 0 ? 0 : 1;
}
