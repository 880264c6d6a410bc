package io.ferrum.codecs;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Ferrum's schema XML as the tests read it, so that they compare the generated code and the
 * docs against the source of truth rather than against a copy of its numbers.
 */
final class SchemaFile
{
    record Message(String name, int templateId)
    {
    }

    private static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";

    private SchemaFile()
    {
    }

    static Element root()
    {
        try (InputStream in = SchemaFile.class.getResourceAsStream("/sbe/ferrum-messages.xml"))
        {
            if (null == in)
            {
                throw new IllegalStateException("sbe/ferrum-messages.xml is not on the test classpath");
            }
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot read sbe/ferrum-messages.xml", ex);
        }
    }

    static List<Message> messages()
    {
        final NodeList nodes = root().getElementsByTagNameNS(SBE_NAMESPACE, "message");
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Element element = (Element)nodes.item(i);
            messages.add(new Message(element.getAttribute("name"), Integer.parseInt(element.getAttribute("id"))));
        }
        return messages;
    }
}
