package org.rscale.sweeps.run;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rscale.sweeps.InvalidInputException;

/**
 * How a PyTorch {@code state_dict} names a convolutional ResNet's tensors: a template for a block's
 * prefix and the names of its kernels below it. A tensor's full name is {@code block + "." + conv1}, e.g.
 * {@code layer3.4.conv1.weight} for block template {@code layer{stage}.{index}}.
 *
 * <p>Block templates use {@code {stage}} (the stage's number as written, e.g. 1..4 for torchvision's
 * {@code layer1..layer4}) together with {@code {index}} (the block's 0-based index within its stage), or
 * {@code {k}} alone (the block's 0-based index over the whole network; stages then start where the channel
 * count changes). The default ({@link #TORCHVISION}) reads torchvision's {@code resnet18}-style names and the
 * reference code's {@code cifar_model.py} (whose shortcut is {@code shortcut.0}, torchvision's
 * {@code downsample.0}); a leading {@code module.} (from {@code nn.DataParallel}) is removed by the reader.
 *
 * @param block     the block prefix template
 * @param conv1     the first convolution's name below the block (A_k)
 * @param conv2     the second convolution's name below the block (delta_k)
 * @param shortcuts the names the 1x1 shortcut may have below the block, tried in order
 * @param stem      the stem convolution's full name (optional in the file)
 */
public record StateDictNames(String block, String conv1, String conv2, List<String> shortcuts, String stem) {

    private static final Pattern TOKEN = Pattern.compile("\\{(stage|index|k)}");

    /** torchvision's and the reference code's names. */
    public static final StateDictNames TORCHVISION = new StateDictNames("layer{stage}.{index}", "conv1.weight",
            "conv2.weight", List.of("shortcut.0.weight", "downsample.0.weight"), "conv1.weight");

    /**
     * Validates the templates.
     *
     * @param block the block prefix template
     * @param conv1 the first convolution's name below the block
     * @param conv2 the second convolution's name below the block
     * @param shortcuts the names the shortcut may have below the block
     * @param stem the stem's full name
     * @throws InvalidInputException naming the template when the block template has neither {@code {k}} nor
     *                               both {@code {stage}} and {@code {index}}, or a name is blank
     */
    public StateDictNames {
        if (block == null || block.isBlank() || conv1 == null || conv1.isBlank() || conv2 == null || conv2.isBlank()
                || stem == null || stem.isBlank()) {
            throw new InvalidInputException("state_dict names: block, conv1, conv2 and stem names must not be blank");
        }
        shortcuts = List.copyOf(shortcuts);
        boolean k = block.contains("{k}");
        boolean stage = block.contains("{stage}");
        boolean index = block.contains("{index}");
        if (k == (stage || index) || stage != index) {
            throw new InvalidInputException("state_dict block name '" + block + "' must contain {stage} and {index}, "
                    + "or {k} alone (e.g. layer{stage}.{index} or blocks.{k})");
        }
        String rest = TOKEN.matcher(block).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            throw new InvalidInputException("state_dict block name '" + block + "': unknown placeholder (known: {stage}, "
                    + "{index}, {k})");
        }
    }

    /**
     * @param block a block prefix template
     * @return torchvision's kernel names below that block template
     */
    public static StateDictNames withBlock(String block) {
        return new StateDictNames(block, TORCHVISION.conv1, TORCHVISION.conv2, TORCHVISION.shortcuts, TORCHVISION.stem);
    }

    /** @return whether blocks are numbered over the whole network ({@code {k}}) rather than within stages */
    public boolean globalIndex() {
        return block.contains("{k}");
    }

    /**
     * @param kernel a kernel's name below the block, e.g. {@code conv1.weight}
     * @return a pattern matching full names, with groups {@code stage} and {@code index}, or {@code k}
     */
    public Pattern pattern(String kernel) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TOKEN.matcher(block);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(block.substring(at, m.start())));
            regex.append("(?<").append(m.group(1)).append(">\\d+)");
            at = m.end();
        }
        regex.append(Pattern.quote(block.substring(at))).append(Pattern.quote("." + kernel));
        return Pattern.compile(regex.toString());
    }

    /** @return the templates in one line, for messages */
    public String describe() {
        return block + ".{" + conv1 + ", " + conv2 + ", " + String.join(" | ", shortcuts) + "}";
    }
}
