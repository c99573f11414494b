import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks the bundle the release profile hands to the Maven Central Portal (central-bundle.zip) against what Central
 * demands of each artifact: a POM with name, description, url, licenses, developers and scm (here or in its parent in
 * the bundle); for a jar module the jar, the sources jar and the javadoc jar; .md5 and .sha1 checksums of every file;
 * and, when the release was signed, a .asc signature of every file.
 *
 * <p>Usage: {@code java .ci/CheckReleaseBundle.java <bundle.zip> <signed: true|false> <groupId> <artifactId:packaging>...}.
 * Exits 1 naming every missing file or element.
 */
public class CheckReleaseBundle {

    private static final List<String> POM_ELEMENTS = List.of("name", "description", "url", "licenses", "developers", "scm");

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: CheckReleaseBundle <bundle.zip> <signed> <groupId> <artifactId:packaging>...");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]);
        boolean signed = Boolean.parseBoolean(args[1]);
        String groupPath = args[2].replace('.', '/');
        List<String> problems = new ArrayList<>();
        Map<String, String> poms = new TreeMap<>();
        int files = 0;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (int i = 3; i < args.length; i++) {
                String artifactId = args[i].split(":")[0];
                String packaging = args[i].split(":")[1];
                String dir = groupPath + "/" + artifactId + "/";
                String version = versionIn(zip, dir);
                if (version == null) {
                    problems.add(artifactId + ": not in the bundle");
                    continue;
                }
                String base = dir + version + "/" + artifactId + "-" + version;
                List<String> required = new ArrayList<>(List.of(base + ".pom"));
                if (packaging.equals("jar")) {
                    required.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
                }
                for (String file : required) {
                    List<String> with = new ArrayList<>(List.of(file, file + ".md5", file + ".sha1"));
                    if (signed) {
                        with.add(file + ".asc");
                    }
                    for (String f : with) {
                        ZipEntry entry = zip.getEntry(f);
                        if (entry == null || entry.getSize() == 0) {
                            problems.add(f + ": missing or empty");
                        } else {
                            files++;
                        }
                    }
                }
                ZipEntry pom = zip.getEntry(base + ".pom");
                if (pom != null) {
                    try (InputStream in = zip.getInputStream(pom)) {
                        poms.put(artifactId, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            // nothing else: the examples, gateway, benchmarks, docs check and starting points are not published
            List<String> expected = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                expected.add(groupPath + "/" + args[i].split(":")[0] + "/");
            }
            zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/"))
                    .filter(n -> expected.stream().noneMatch(n::startsWith))
                    .forEach(n -> problems.add(n + ": not a published artifact"));
        }
        for (Map.Entry<String, String> pom : poms.entrySet()) {
            String own = withoutParentBlock(pom.getValue());
            String parentId = tag(parentBlock(pom.getValue()), "artifactId");
            String parent = parentId == null ? null : poms.get(parentId);
            for (String element : POM_ELEMENTS) {
                if (tag(own, element) == null && (parent == null || tag(withoutParentBlock(parent), element) == null)) {
                    problems.add(pom.getKey() + ".pom: no <" + element + ">");
                }
            }
        }
        if (problems.isEmpty()) {
            System.out.println("release bundle " + bundle + ": " + (args.length - 3) + " artifacts, " + files
                               + " files, complete" + (signed ? " and signed" : " (not signed: no GPG key)"));
        } else {
            problems.forEach(p -> System.out.println("release bundle " + bundle + ": " + p));
            System.exit(1);
        }
    }

    private static String versionIn(ZipFile zip, String dir) {
        return zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith(dir))
                .map(n -> n.substring(dir.length())).filter(n -> n.contains("/"))
                .map(n -> n.substring(0, n.indexOf('/'))).findFirst().orElse(null);
    }

    private static String parentBlock(String pom) {
        Matcher m = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL).matcher(pom);
        return m.find() ? m.group() : "";
    }

    private static String withoutParentBlock(String pom) {
        return pom.replaceFirst("(?s)<parent>.*?</parent>", "");
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(xml);
        return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
    }
}
